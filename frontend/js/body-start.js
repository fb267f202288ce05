// GOV.UK Frontend needs these classes on <body> before components initialise. Loaded as
// a file, not inline, so the Content Security Policy can forbid inline scripts.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
