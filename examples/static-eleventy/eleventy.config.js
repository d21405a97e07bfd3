// Pages come from src/ and are written to _public/, not Eleventy's default
// _site/: dockgen reads dir.output from here. `npm start` is Eleventy's dev
// server; the image serves the built pages with nginx instead.
module.exports = function () {
  return {
    dir: {
      input: "src",
      output: "_public",
    },
  };
};
