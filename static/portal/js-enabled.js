// Runs before the page paints (a classic script at the start of <body>): tells
// GOV.UK Frontend's CSS that JavaScript runs, and whether this browser supports
// its ES modules. Kept out of the HTML because the CSP forbids inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
