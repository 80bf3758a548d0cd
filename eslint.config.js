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
);
