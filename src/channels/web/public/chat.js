// The web chat: send the citizen's text to /api/ask, show the reply as a bubble, and
// numbered options as buttons that send their number. Text is always inserted as text
// (textContent), never as HTML.
(function () {
  'use strict';
  var log = document.getElementById('log');
  var form = document.getElementById('ask');
  var input = document.getElementById('text');
  var send = document.getElementById('send');

  function userId() {
    try {
      var id = localStorage.getItem('wenzheng-user');
      if (!id) {
        id = 'web-' + (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
        localStorage.setItem('wenzheng-user', id);
      }
      return id;
    } catch (e) {
      return 'web-anon-' + String(Math.random()).slice(2);
    }
  }
  var user = userId();

  function bubble(who, text, extraClass) {
    var row = document.createElement('div');
    row.className = 'msg ' + who + (extraClass ? ' ' + extraClass : '');
    var b = document.createElement('div');
    b.className = 'bubble';
    b.textContent = text;
    row.appendChild(b);
    log.appendChild(row);
    log.scrollTop = log.scrollHeight;
    return b;
  }

  function showReply(reply) {
    var b = bubble('bot', reply.text, reply.kind === 'emergency' ? 'emergency' : '');
    b.parentNode.setAttribute('data-kind', reply.kind);
    if (reply.kind === 'emergency') b.setAttribute('role', 'alert');
    if (reply.options && reply.options.length) {
      var box = document.createElement('div');
      box.className = 'options';
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', '可选项，点击即可发送');
      reply.options.forEach(function (o) {
        var btn = document.createElement('button');
        btn.type = 'button';
        btn.textContent = o.n + '. ' + o.title;
        btn.setAttribute('data-n', String(o.n));
        btn.addEventListener('click', function () { ask(String(o.n), o.n + '. ' + o.title); });
        box.appendChild(btn);
      });
      b.appendChild(box);
    }
  }

  function ask(text, shown) {
    text = text.trim();
    if (!text) return;
    bubble('user', shown || text);
    send.disabled = true;
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
      .then(showReply)
      .catch(function (err) {
        bubble('bot', '抱歉，' + (err && err.message ? err.message : '网络出了问题') + '。请稍后再试；紧急情况请拨打 110。');
      })
      .then(function () {
        send.disabled = false;
        input.focus();
      });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = '';
    ask(text);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  input.focus();
})();
