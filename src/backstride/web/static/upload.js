// Upload progress for the htmx form: the bar follows the bytes sent, then waits for the import.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form || !window.htmx) return;
  var bar = document.getElementById("upload-progress");
  htmx.on(form, "htmx:xhr:loadstart", function () { bar.hidden = false; bar.value = 0; });
  htmx.on(form, "htmx:xhr:progress", function (evt) {
    if (evt.detail.lengthComputable) bar.value = (evt.detail.loaded / evt.detail.total) * 100;
  });
  htmx.on(form, "htmx:xhr:loadend", function () { bar.removeAttribute("value"); });
  htmx.on(form, "htmx:afterRequest", function () { bar.hidden = true; });
})();
