// Admin pages: "copy" buttons for alias snippets. Everything else works without script.
(function () {
  'use strict';
  document.querySelectorAll('button.copy').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var source = document.getElementById(btn.getAttribute('data-copy'));
      if (!source) return;
      var text = source.textContent;
      var done = function () { btn.textContent = '已复制'; setTimeout(function () { btn.textContent = '复制别名'; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
      else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        document.execCommand('copy');
        done();
      }
    });
  });
})();
