// The embeddable widget: a bureau's website adds one line,
//   <script src="https://<this server>/widget.js" data-title="在线咨询" async></script>
// and gets a floating button that opens the web chat in a panel (an iframe of this
// server's page). Which sites may embed it is the server's ALLOWED_EMBED_ORIGINS (CSP
// frame-ancestors): elsewhere the browser refuses the frame, and the panel's 新窗口打开
// link still works. Everything lives in a shadow root styled through the CSSOM, so the
// host page's CSS cannot reach in and a host CSP without 'unsafe-inline' styles is fine.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__wenzhengWidget) return;
  window.__wenzhengWidget = true;

  var chatUrl = new URL('./', script.src).href; // beside widget.js, so a sub-path deployment works
  var title = script.getAttribute('data-title') || '在线咨询';
  var left = script.getAttribute('data-position') === 'left';
  var GREEN = '#06803f';

  function css(el, styles) {
    for (var k in styles) if (Object.prototype.hasOwnProperty.call(styles, k)) el.style.setProperty(k, styles[k]);
    return el;
  }
  function make(tag, styles, text) {
    var el = css(document.createElement(tag), styles || {});
    if (text) el.textContent = text;
    return el;
  }
  // A strong focus ring the host's styles cannot remove (inline styles, set on focus).
  function focusRing(el, color) {
    el.addEventListener('focus', function () { css(el, { outline: '3px solid ' + (color || '#1a56db'), 'outline-offset': '2px' }); });
    el.addEventListener('blur', function () { el.style.removeProperty('outline'); });
  }

  var host = make('div', { position: 'fixed', 'z-index': '2147483000', bottom: '16px', right: left ? 'auto' : '16px', left: left ? '16px' : 'auto' });
  host.id = 'wenzheng-widget';
  var shadow = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var font = '16px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

  var button = make('button', {
    display: 'flex', 'align-items': 'center', 'min-height': '52px', padding: '0 20px', border: '0',
    'border-radius': '26px', background: GREEN, color: '#fff', font: font, 'font-size': '18px', 'font-weight': '600',
    cursor: 'pointer', 'box-shadow': '0 4px 14px rgba(0,0,0,.25)'
  }, title);
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'wenzheng-panel');
  focusRing(button);

  var panel = make('div', {
    display: 'none', 'flex-direction': 'column', position: 'fixed', background: '#fff', overflow: 'hidden',
    'border-radius': '12px', 'box-shadow': '0 8px 30px rgba(0,0,0,.3)', font: font
  });
  panel.id = 'wenzheng-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);

  var head = make('div', { display: 'flex', 'align-items': 'center', gap: '8px', padding: '4px 4px 4px 14px', background: '#2e2e2e', color: '#fff' });
  var name = make('span', { flex: '1', 'font-weight': '600', 'font-size': '17px' }, title);
  var newWindow = make('a', { color: '#fff', 'font-size': '15px', padding: '12px 6px', 'text-decoration': 'underline' }, '新窗口打开');
  newWindow.href = chatUrl;
  newWindow.target = '_blank';
  newWindow.rel = 'noopener';
  focusRing(newWindow, '#fff');
  var close = make('button', {
    'min-width': '48px', 'min-height': '48px', border: '0', background: 'transparent', color: '#fff',
    'font-size': '26px', 'line-height': '1', cursor: 'pointer'
  }, '×');
  close.type = 'button';
  close.setAttribute('aria-label', '关闭' + title);
  focusRing(close, '#fff');
  head.appendChild(name);
  head.appendChild(newWindow);
  head.appendChild(close);
  panel.appendChild(head);

  var frame = null;
  function place() {
    var small = window.innerWidth < 520;
    css(panel, small
      ? { top: '0', bottom: '0', left: '0', right: '0', width: 'auto', height: 'auto', 'border-radius': '0' }
      : { top: 'auto', bottom: '84px', left: left ? '16px' : 'auto', right: left ? 'auto' : '16px', width: '400px', height: Math.min(680, window.innerHeight - 110) + 'px', 'border-radius': '12px' });
  }

  function open() {
    if (!frame) {
      frame = make('iframe', { flex: '1', width: '100%', border: '0' });
      frame.title = title + '：问政助手';
      frame.src = chatUrl;
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
    }
    place();
    css(panel, { display: 'flex' });
    button.setAttribute('aria-expanded', 'true');
    css(button, { display: window.innerWidth < 520 ? 'none' : 'flex' });
    frame.focus();
  }
  function hide() {
    css(panel, { display: 'none' });
    css(button, { display: 'flex' });
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', function () {
    if (button.getAttribute('aria-expanded') === 'true') hide(); else open();
  });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
  });
  // Escape inside the chat (another origin) arrives as a message from that origin only.
  var chatOrigin = new URL(chatUrl).origin;
  window.addEventListener('message', function (e) {
    if (e.origin === chatOrigin && e.data === 'wenzheng:close' && button.getAttribute('aria-expanded') === 'true') hide();
  });
  window.addEventListener('resize', function () {
    if (button.getAttribute('aria-expanded') === 'true') place();
  });

  shadow.appendChild(panel);
  shadow.appendChild(button);
  if (document.body) document.body.appendChild(host);
  else document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(host); });
})();
