// ESLint for the page scripts (graph/page/templates/*.js) and the node unit tests (tests/page/js); run by tests/page/test_lint_js.py.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["**/templates/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, vis: "readonly", module: "writable" }
    },
    rules: {
      "no-var": "off",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-prototype-builtins": "error",
      "no-unused-vars": ["error", { args: "none" }],
      "no-shadow": "off",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error"
    }
  },
  {
    files: ["**/js/*.test.js", "**/js/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } }
  }
];
