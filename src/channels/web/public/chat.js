// The web chat, with no framework (it must stay light on old phones and WeChat's in-app
// browser, hence plain ES5): send the citizen's text to /api/ask and show the reply as a
// bubble; numbered options, suggested and related questions as buttons that send; the
// legal basis folded under 查看依据; phone numbers as tap-to-call links; a copy button; a
// live region that reads each reply; and the 大字版 (large text) switch, remembered on the
// device. Text is always inserted as text (textContent), never as HTML.
(function () {
  'use strict';
  var LARGE_KEY = 'wenzheng-large';
  var root = document.documentElement;

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  // Before the first paint (this script runs in <head>): no flash of small text.
  if (stored(LARGE_KEY) === '1') root.className += ' large';

  // Service numbers citizens call, landlines with an area code, mobiles, 400 numbers. A
  // short number followed by a measure word (件/条/年…) is a count or an article, not a phone.
  var PHONE = /(^|[^\d])(0\d{2,3}[-－]?\d{7,8}|（0\d{2,3}）\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4}|(?:110|119|120|122|12345|12389|12110|12337|12315)(?![\d件条款项号元年月日天个%．.人次多余万千百名户岁位份张页起宗例篇期届批类种家所处台辆周]))(?!\d)/g;

  function withPhoneLinks(parent, text) {
    var last = 0;
    var m;
    PHONE.lastIndex = 0;
    while ((m = PHONE.exec(text))) {
      var start = m.index + m[1].length;
      if (start > last) parent.appendChild(document.createTextNode(text.slice(last, start)));
      var a = document.createElement('a');
      a.href = 'tel:' + m[2].replace(/[^\d]/g, '');
      a.className = 'tel';
      a.textContent = m[2];
      parent.appendChild(a);
      last = start + m[2].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  document.addEventListener('DOMContentLoaded', function () {
    var log = document.getElementById('log');
    var form = document.getElementById('ask');
    var input = document.getElementById('text');
    var send = document.getElementById('send');
    var status = document.getElementById('status');
    var large = document.getElementById('large');
    var suggest = document.getElementById('suggest');
    var seq = 0;

    function userId() {
      var id = stored('wenzheng-user');
      if (!id) {
        id = 'web-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
        store('wenzheng-user', id);
      }
      return id;
    }
    var user = userId();

    // 大字版: one class on <html>; the button says whether it is on (aria-pressed).
    function showLarge(on) {
      large.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    showLarge(/\blarge\b/.test(root.className));
    large.addEventListener('click', function () {
      var on = !/\blarge\b/.test(root.className);
      root.className = on ? (root.className + ' large').trim() : root.className.replace(/\s*\blarge\b/g, '');
      store(LARGE_KEY, on ? '1' : '0');
      showLarge(on);
      announce(on ? '已切换到大字版' : '已切换到标准字号');
    });

    // The live region: emptied first so the same words twice are read twice.
    function announce(text) {
      status.textContent = '';
      setTimeout(function () { status.textContent = text; }, 60);
    }

    function el(tag, className, text) {
      var e = document.createElement(tag);
      if (className) e.className = className;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function scrollTo(row) {
      // A long answer is shown from its start; a short one keeps the log at the bottom.
      if (row.offsetHeight > log.clientHeight) log.scrollTop = row.offsetTop - log.offsetTop - 8;
      else log.scrollTop = log.scrollHeight;
    }

    function row(who, extraClass) {
      var r = el('div', 'msg ' + who + (extraClass ? ' ' + extraClass : ''));
      var b = el('div', 'bubble');
      r.appendChild(b);
      log.appendChild(r);
      return b;
    }

    // A group of buttons that send a question: suggestions, related questions, options.
    function chips(className, title, list, label, send) {
      var id = 'g' + (++seq);
      var box = el('div', 'chips ' + className);
      box.setAttribute('role', 'group');
      if (title) {
        var t = el('p', 'chips-title', title);
        t.id = id;
        box.appendChild(t);
        box.setAttribute('aria-labelledby', id);
      }
      list.forEach(function (x) {
        var btn = el('button', '', label(x));
        btn.type = 'button';
        btn.addEventListener('click', function () { send(x); });
        box.appendChild(btn);
      });
      return box;
    }

    function copyText(text) {
      if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
      // Plain http or an old WebView: the selection way.
      return new Promise(function (resolve, reject) {
        var area = el('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.className = 'offscreen';
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        document.body.removeChild(area);
        if (ok) resolve(); else reject(new Error('copy'));
      });
    }

    function copyButton(text) {
      var btn = el('button', 'copy', '复制');
      btn.type = 'button';
      btn.setAttribute('aria-label', '复制这条答复');
      btn.addEventListener('click', function () {
        copyText(text).then(function () {
          btn.textContent = '已复制';
          announce('已复制到剪贴板');
        }, function () {
          btn.textContent = '复制失败，请长按文字复制';
          announce('复制失败，请长按文字复制');
        });
      });
      return btn;
    }

    // 有用 / 没用 under an answer: one verdict per answer, sent with the answer's ref (a 没用
    // tells the bureau the answer missed; the chat then says where to ask a person).
    function verdictButtons(ref) {
      var box = el('div', 'verdict');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', '这条答复有用吗');
      box.appendChild(el('span', 'verdict-q', '这条答复有用吗？'));
      [['有用', true], ['没用', false]].forEach(function (v) {
        var btn = el('button', v[1] ? 'yes' : 'no', v[0]);
        btn.type = 'button';
        btn.addEventListener('click', function () {
          var all = box.querySelectorAll('button');
          for (var i = 0; i < all.length; i++) all[i].disabled = true;
          fetch('api/feedback', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user: user, ref: ref, helpful: v[1], channel: 'web' })
          }).then(function (res) {
            var msg = res.ok || res.status === 404 ? (v[1] ? '谢谢您的评价！' : '抱歉没能帮到您，已经记下来了。可以换个说法再问，或咨询户籍所在地派出所、拨打 12345。') : '评价没有发送成功，请稍后再试。';
            box.replaceChildren(el('span', 'verdict-done', msg));
            announce(msg);
          }, function () {
            for (var i = 0; i < all.length; i++) all[i].disabled = false;
            announce('评价没有发送成功，请稍后再试。');
          });
        });
        box.appendChild(btn);
      });
      return box;
    }

    function basisBlock(basis) {
      var d = el('details', 'basis');
      d.appendChild(el('summary', '', '查看依据'));
      var list = el('ul');
      basis.forEach(function (b) { list.appendChild(el('li', '', b)); });
      d.appendChild(list);
      return d;
    }

    // "回复数字查看：" and the "1. 办理条件" lines under it, when every option is a button.
    function withoutOptionLines(text, options) {
      var shown = {};
      options.forEach(function (o) { shown[o.n + '. ' + o.title] = true; });
      var lines = text.split('\n').filter(function (line) { return !shown[line]; });
      return lines.join('\n').replace(/\s*回复数字查看：\s*$/, '').replace(/\s+$/, '');
    }

    function showReply(reply) {
      var emergency = reply.kind === 'emergency';
      var b = row('bot', emergency ? 'emergency' : '');
      b.parentNode.setAttribute('data-kind', reply.kind);
      var text = String(reply.text || '');
      // The basis is folded on the web: its line leaves the text and goes under 查看依据.
      var basis = reply.basis && reply.basis.length && reply.field !== '依据' ? reply.basis : null;
      if (basis) text = text.replace('\n\n依据：' + basis.join('；'), '');
      // Numbered options become buttons: their lines leave the text (WeChat keeps them).
      var options = reply.options || [];
      if (options.length) text = withoutOptionLines(text, options);
      var body = el('div', 'text');
      withPhoneLinks(body, text);
      if (emergency) body.setAttribute('role', 'alert');
      b.appendChild(body);
      if (basis) b.appendChild(basisBlock(basis));
      if (options.length) {
        var group = chips('options', reply.kind === 'answer' ? '点击查看' : '', options, function (o) { return o.n + '. ' + o.title; }, function (o) {
          ask(String(o.n), o.n + '. ' + o.title);
        });
        if (reply.kind !== 'answer') group.setAttribute('aria-label', '可选项，点击即可发送');
        b.appendChild(group);
      }
      if (reply.kind === 'answer' && reply.related && reply.related.length) {
        b.appendChild(chips('related', '您可能还想问', reply.related, function (r) { return r.question; }, function (r) { ask(r.question); }));
      }
      if (reply.kind === 'answer' || emergency) {
        var tools = el('div', 'tools');
        if (reply.kind === 'answer' && reply.ref) tools.appendChild(verdictButtons(reply.ref));
        tools.appendChild(copyButton(reply.text));
        b.appendChild(tools);
      }
      scrollTo(b.parentNode);
      // An alert is read at once by itself; everything else through the status region.
      if (!emergency) announce('问政助手：' + text);
    }

    var pending = null;
    function ask(text, shown, fromKeyboard) {
      text = String(text).trim();
      if (!text || pending) return;
      var mine = row('user');
      mine.textContent = shown || text;
      scrollTo(mine.parentNode);
      send.disabled = true;
      pending = row('bot', 'typing');
      pending.textContent = '正在查询…';
      pending.parentNode.setAttribute('aria-hidden', 'true');
      fetch('api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: user, text: text, channel: 'web' })
      })
        .then(function (res) {
          return res.json().then(function (body) {
            if (!res.ok) throw new Error(body && body.error ? body.error : '服务暂时不可用');
            return body;
          });
        })
        .then(function (reply) {
          done();
          showReply(reply);
        }, function (err) {
          done();
          var msg = '抱歉，' + (err && err.message ? err.message : '网络出了问题') + '。请稍后再试；紧急情况请拨打 110。';
          var b = row('bot', 'error');
          withPhoneLinks(b, msg);
          scrollTo(b.parentNode);
          announce(msg);
        })
        .then(function () {
          if (fromKeyboard) input.focus();
        });
    }
    function done() {
      if (pending) log.removeChild(pending.parentNode);
      pending = null;
      send.disabled = false;
    }

    function loadSuggestions() {
      fetch('api/suggestions')
        .then(function (res) { return res.ok ? res.json() : { suggestions: [] }; })
        .then(function (body) {
          var list = (body && body.suggestions) || [];
          if (!list.length) return;
          var box = chips('suggest', '', list, function (s) { return s.question; }, function (s) { ask(s.question); });
          while (box.firstChild) suggest.appendChild(box.firstChild);
          suggest.hidden = false;
        })
        .catch(function () { /* the welcome still works without them */ });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = input.value;
      if (!text.trim() || pending) return;
      input.value = '';
      ask(text, '', true);
    });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else send.click();
      }
    });
    // In the widget's panel, Escape closes the panel (the host page cannot hear keys in here).
    if (window.parent !== window) {
      document.addEventListener('keydown', function (e) {
        if (e.key === 'Escape') window.parent.postMessage('wenzheng:close', '*');
      });
    }
    loadSuggestions();
  });
})();
