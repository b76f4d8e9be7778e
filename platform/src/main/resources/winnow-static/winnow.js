/* Winnow: progressive enhancement of the comment thread, and the embed widget loader.
   Without this script everything still works through plain form posts. With it, comments post in
   place. Loaded as <script src=".../embed.js" data-site="SLUG"> it renders a site's thread into
   #winnow-comments (or the element named by data-container) on any allowed page, inside a shadow
   root so that neither page's styles leak into the other. It talks to its own server only. */
(function () {
  'use strict';
  var me = document.currentScript;

  function field(form, name) { return form.querySelector('[name=' + name + ']').value; }

  function plural(n) { return n + (n === 1 ? ' comment' : ' comments'); }

  function setStatus(form, text, bad) {
    var s = form.querySelector('.wn-status');
    if (!s) return;
    s.textContent = text;
    s.className = 'wn-status' + (bad ? ' wn-bad' : '');
  }

  function clearErrors(form) {
    form.querySelectorAll('.wn-error.wn-js').forEach(function (e) { e.remove(); });
    form.querySelectorAll('[aria-invalid=true]').forEach(function (e) { e.setAttribute('aria-invalid', 'false'); });
  }

  function showErrors(form, errors) {
    Object.keys(errors || {}).forEach(function (field) {
      var input = form.querySelector('[name="' + (field === 'parent' ? 'body' : field) + '"]');
      if (!input) return;
      var span = document.createElement('span');
      span.className = 'wn-error wn-js';
      span.textContent = errors[field];
      input.setAttribute('aria-invalid', 'true');
      input.insertAdjacentElement('afterend', span);
    });
  }

  function enhance(root, opts) {
    opts = opts || {};
    var thread = root.querySelector('.wn-thread');
    var form = root.querySelector('form.wn-form');
    if (!thread || !form) return;
    var home = document.createComment('wn-form-home');
    form.parentNode.insertBefore(home, form);
    var parentInput = form.querySelector('input[name=parent]');
    var replying = form.querySelector('.wn-replying');

    if (opts.remember) {
      try {
        var saved = JSON.parse(localStorage.getItem('winnow-author') || 'null');
        if (saved) {
          ['author', 'email', 'url'].forEach(function (k) {
            var el = form.querySelector('[name=' + k + ']');
            if (el && !el.value) el.value = saved[k] || '';
          });
          form.querySelector('[name=remember]').checked = true;
        }
      } catch (e) { /* storage blocked: the form simply starts empty */ }
    }

    function cancelReply() {
      parentInput.value = '';
      if (replying) replying.hidden = true;
      home.parentNode.insertBefore(form, home.nextSibling);
    }

    root.addEventListener('click', function (ev) {
      var t = ev.target.closest ? ev.target.closest('a') : null;
      if (!t) return;
      if (t.classList.contains('wn-reply')) {
        ev.preventDefault();
        var li = t.closest('li.wn-comment');
        parentInput.value = t.getAttribute('data-id');
        if (replying) {
          replying.hidden = false;
          replying.querySelector('.wn-replying-to').textContent = t.getAttribute('data-author');
        }
        li.querySelector('.wn-card').insertAdjacentElement('afterend', form);
        form.querySelector('textarea').focus();
      } else if (t.classList.contains('wn-cancel')) {
        ev.preventDefault();
        cancelReply();
      } else if (t.classList.contains('share-copy') && navigator.clipboard) {
        ev.preventDefault();
        navigator.clipboard.writeText(t.href).then(function () { t.textContent = 'Link copied'; });
      } else if (t.classList.contains('wn-more') && opts.more) {
        ev.preventDefault();
        opts.more(t.getAttribute('data-after'));
      }
    });

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('button[type=submit]');
      clearErrors(form);
      setStatus(form, 'Posting…');
      button.disabled = true;
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, {
        method: 'POST', body: body, headers: { 'Accept': 'application/json' },
        credentials: opts.embedded ? 'omit' : 'same-origin'
      }).then(function (res) {
        return res.json().catch(function () { return { ok: false, message: 'The server answered ' + res.status + '.' }; });
      }).then(function (r) {
        button.disabled = false;
        if (!r.ok) {
          showErrors(form, r.errors);
          setStatus(form, r.message || 'Your comment could not be posted.', true);
          return;
        }
        if (opts.remember) {
          try {
            if (form.querySelector('[name=remember]').checked) {
              localStorage.setItem('winnow-author', JSON.stringify({
                author: field(form, 'author'), email: field(form, 'email'), url: field(form, 'url') }));
            } else { localStorage.removeItem('winnow-author'); }
          } catch (e) { /* storage blocked */ }
        }
        if (opts.onMine) opts.onMine(r.mine);
        var list;
        if (r.parentId) {
          var parentLi = root.querySelector('#c' + r.parentId);
          list = parentLi && parentLi.querySelector(':scope > ol.wn-replies');
          if (parentLi && !list) {
            list = document.createElement('ol');
            list.className = 'wn-replies';
            parentLi.appendChild(list);
          }
        }
        list = list || root.querySelector('ol.wn-list');
        if (!r.parentId && thread.getAttribute('data-newest') === '1') list.insertAdjacentHTML('afterbegin', r.html);
        else list.insertAdjacentHTML('beforeend', r.html);
        var empty = root.querySelector('.wn-empty');
        if (empty) empty.remove();
        thread.querySelector('.wn-count').textContent = plural(r.count);
        var notice = thread.querySelector('.wn-notice');
        if (!notice) {
          notice = document.createElement('div');
          notice.className = 'wn-notice';
          notice.setAttribute('role', 'status');
          thread.querySelector('.wn-count').insertAdjacentElement('afterend', notice);
        }
        notice.textContent = '';
        var p1 = document.createElement('p');
        p1.textContent = r.message + ' Keep this private link to see, export or erase your comment later: ';
        var a = document.createElement('a');
        a.href = r.manageUrl;
        a.className = 'wn-manage';
        a.textContent = r.manageUrl;
        p1.appendChild(a);
        notice.appendChild(p1);
        form.querySelector('textarea').value = '';
        form.querySelector('input[name=ts]').value = r.formToken;
        cancelReply();
        setStatus(form, r.message);
      }).catch(function () {
        button.disabled = false;
        setStatus(form, 'Could not reach the server. Your comment is still in the box; please try again.', true);
      });
    });
  }

  function pageUrl() {
    var canon = document.querySelector('link[rel=canonical]');
    if (canon && canon.href) return canon.href.split('#')[0].split('?')[0];
    return location.origin + location.pathname;
  }

  function embed(script) {
    var base = new URL(script.src).origin;
    var site = script.getAttribute('data-site');
    var sel = script.getAttribute('data-container');
    var host = sel ? document.querySelector(sel) : document.getElementById('winnow-comments');
    if (!host || !site) return;
    var shadow = host.shadowRoot || host.attachShadow({ mode: 'open' });
    var url = pageUrl();
    var key = 'winnow-mine:' + url;
    function load(after) {
      var mine = null;
      try { mine = sessionStorage.getItem(key); } catch (e) { /* storage blocked */ }
      var q = base + '/embed/' + encodeURIComponent(site) + '/thread?url=' + encodeURIComponent(url) +
        '&title=' + encodeURIComponent(document.title) + (after ? '&after=' + encodeURIComponent(after) : '') +
        (mine ? '&mine=' + encodeURIComponent(mine) : '');
      fetch(q, { credentials: 'omit' }).then(function (res) {
        return res.text().then(function (html) { return { ok: res.ok, html: html }; });
      }).then(function (r) {
        var css = '<link rel="stylesheet" href="' + base + '/assets/winnow/winnow.css">';
        if (!r.ok) {
          shadow.innerHTML = css + '<p class="wn-errors">The comments could not be loaded.</p>';
          return;
        }
        shadow.innerHTML = css + r.html;
        enhance(shadow, {
          embedded: true, remember: true, more: load,
          onMine: function (token) { try { sessionStorage.setItem(key, token); } catch (e) { /* storage blocked */ } }
        });
        host.setAttribute('data-winnow', 'ready');
      }).catch(function () {
        shadow.innerHTML = '<p>The comments could not be loaded.</p>';
      });
    }
    load(null);
  }

  function start() {
    if (me && me.hasAttribute('data-site')) { embed(me); return; }
    enhance(document, {});
    var all = document.querySelector('.wn-select-all');
    if (all) {
      all.addEventListener('change', function () {
        all.form.querySelectorAll('input[name=id]').forEach(function (c) { c.checked = all.checked; });
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
