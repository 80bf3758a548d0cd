import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "models/", "index/", "coverage/", "dist/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // Parts passed in, not reached for: the store and the retriever get their indexes through interfaces;
    // src/app.ts picks the concrete ones, and only they use their libraries.
    files: ["src/**/*.ts"],
    ignores: ["src/app.ts", "src/retrieval/hnsw-dense-index.ts", "src/retrieval/minisearch-lexical-index.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "hnswlib-node", message: "Only src/retrieval/hnsw-dense-index.ts uses hnswlib." },
            {
              name: "minisearch",
              message: "Only src/retrieval/minisearch-lexical-index.ts uses MiniSearch.",
            },
          ],
          patterns: [
            {
              group: ["**/hnsw-dense-index.js", "**/minisearch-lexical-index.js"],
              message:
                "Take a DenseIndexFactory or LexicalIndexFactory; src/app.ts picks the implementation.",
            },
          ],
        },
      ],
    },
  },
);
