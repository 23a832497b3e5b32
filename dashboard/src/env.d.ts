// esbuild bundles the style sheet the entry imports into a .css file beside the script.
declare module '*.css';
