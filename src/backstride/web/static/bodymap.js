// The body map: each shape toggles its side of a region; the radio list below the map is the
// source of truth (it works without this script, and for screen readers and keyboards).
(function () {
  "use strict";
  function setUp(map) {
    var q = map.getAttribute("data-question");
    function radios(region) {
      return map.querySelectorAll('input[name="' + q + "." + region + '"]');
    }
    function get(region) {
      var list = radios(region);
      for (var i = 0; i < list.length; i++) if (list[i].checked) return list[i].value;
      return "none";
    }
    function set(region, side) {
      radios(region).forEach(function (r) { r.checked = r.value === side; });
      paint(region);
    }
    function paint(region) {
      var side = get(region);
      map.querySelectorAll('.bm-part[data-region="' + region + '"]').forEach(function (p) {
        var part = p.getAttribute("data-part");
        var on = side === part || (side === "both" && part !== "central");
        p.classList.toggle("on", on);
        p.setAttribute("aria-checked", on ? "true" : "false");
      });
      summary();
    }
    function toggle(region, part) {
      var side = get(region), next;
      if (part === "central") {
        next = side === "central" ? "none" : "central";
      } else {
        var other = part === "left" ? "right" : "left";
        if (side === part) next = "none";
        else if (side === "both") next = other;
        else if (side === other) next = "both";
        else next = part;
      }
      set(region, next);
    }
    function summary() {
      var out = [];
      map.querySelectorAll("fieldset.bm-row").forEach(function (row) {
        var checked = row.querySelector("input:checked");
        if (checked && checked.value !== "none") {
          out.push(row.querySelector("legend").textContent + " (" +
                   checked.parentNode.textContent.trim().toLowerCase() + ")");
        }
      });
      var el = map.querySelector(".bm-summary");
      if (el) el.textContent = out.length ? "Marked: " + out.join("; ") : "Nothing marked yet.";
    }
    map.querySelectorAll(".bm-part").forEach(function (p) {
      var region = p.getAttribute("data-region"), part = p.getAttribute("data-part");
      p.addEventListener("click", function () { toggle(region, part); });
      p.addEventListener("keydown", function (e) {
        if (e.key === " " || e.key === "Enter") { e.preventDefault(); toggle(region, part); }
      });
    });
    map.querySelectorAll('input[type="radio"]').forEach(function (r) {
      r.addEventListener("change", function () {
        paint(r.closest("fieldset.bm-row").getAttribute("data-region"));
      });
    });
    summary();
  }
  document.querySelectorAll(".bodymap").forEach(setUp);
})();
