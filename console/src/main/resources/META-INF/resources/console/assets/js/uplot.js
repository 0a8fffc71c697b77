// uPlot, the charting library, from its WebJar: the page names the versioned path of its ES module
// build (index.html is filtered by Maven with the WebJar's version), loaded on the first chart.

let loading = null;

export function loadUplot(doc = document) {
  if (!loading) {
    const meta = doc.querySelector('meta[name="outcall-uplot"]');
    if (!meta) return Promise.reject(new Error('the page does not name uPlot (meta outcall-uplot)'));
    loading = import(meta.content).then((module) => module.default).catch((e) => {
      loading = null;
      throw new Error(`the charting library could not be loaded: ${e.message}`);
    });
  }
  return loading;
}
