// Builds static/dist from the npm packages: compiled CSS, the GOV.UK and MOJ JavaScript
// bundles, GOV.UK assets (images, manifest) and our own small scripts. Run by `make assets`.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/dist";
mkdirSync(`${out}/js`, { recursive: true });

const css = sass.compile("frontend/scss/application.scss", {
  loadPaths: [".", "node_modules", "frontend/scss"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
  // GOV.UK Frontend prints deprecation warnings for MOJ Frontend internals; errors still fail.
  logger: sass.Logger.silent,
});
writeFileSync(`${out}/application.css`, css.css);

cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${out}/assets`, { recursive: true });
cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`);
cpSync("node_modules/@ministryofjustice/frontend/moj/moj-frontend.min.js", `${out}/js/moj-frontend.min.js`);
cpSync("frontend/js", `${out}/js`, { recursive: true });
console.log(`Built ${out}`);
