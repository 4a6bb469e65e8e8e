// Stands in for `bowser` in the bundle. The AWS SDK's core requires it only in the user agent
// provider of browser builds (it parses window.navigator.userAgent); the Node runtime config the
// extension runs with never calls it, so bundling the real 34 KB parser would be dead weight.
module.exports = { parse: () => ({}) };
