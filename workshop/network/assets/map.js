(function () {
  "use strict";
  var entities = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#x27": "'"};
  function plain(value) {
    return typeof value === "string"
      ? value.replace(/&(amp|lt|gt|quot|#x27);/g, function (match, name) { return entities[name]; })
      : value;
  }
  var data = JSON.parse(document.getElementById("network-data").textContent);
  data.nodes.forEach(function (node) { node.label = plain(node.label); node.title = plain(node.title); });
  data.edges.forEach(function (edge) { edge.title = plain(edge.title); });
  var network = new vis.Network(
    document.getElementById("map"),
    {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)},
    data.options
  );
  // The click panel: what the clicked organisation could carry and with whom. Built
  // with textContent from data embedded in this page, so it works in a sandboxed frame.
  var panel = JSON.parse(document.getElementById("panel-data").textContent);
  var box = document.getElementById("panel");
  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = plain(value);
    if (className) { element.className = className; }
    return element;
  }
  function show(node) {
    var list = document.getElementById("panel-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    document.getElementById("panel-title").textContent = plain(panel.names[node] || "");
    var options = panel.nodes[node] || [];
    document.getElementById("panel-intro").textContent = plain(options.length ? panel.labels.could_carry : panel.labels.nothing);
    options.forEach(function (option) {
      var item = text("li", option.idea, option.best ? "best" : "");
      if (option["with"].length) {
        item.appendChild(document.createElement("br"));
        item.appendChild(text("span", panel.labels["with"].replace("{members}", option["with"].join(", "))));
      }
      if (option.best) { item.setAttribute("title", plain(panel.labels.best)); }
      list.appendChild(item);
    });
    box.hidden = false;
    box.setAttribute("data-node", node);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(String(params.nodes[0])); } else { box.hidden = true; }
  });
  document.getElementById("panel-close").addEventListener("click", function () { box.hidden = true; });
  document.getElementById("panel-close").textContent = plain(panel.labels.close);
  document.getElementById("hint").textContent = plain(panel.labels.click_hint);
  // A phone's screen is too small for the open legend over the map: it starts folded.
  if (window.innerWidth <= 600) {
    var details = document.querySelector("#legend details");
    if (details) { details.open = false; }
  }
  // Whatever the frame's size, the whole network is in view once it is drawn.
  network.once("afterDrawing", function () { network.fit({animation: false}); });
  window.addEventListener("resize", function () { network.fit({animation: false}); });
  // For the page that embeds the map and for browser tests.
  window.projektberedskapNetwork = network;
  window.projektberedskapShowPanel = show;
  if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({physics: {enabled: false}}); });
  }
})();
