// Live conditional fields: when an answer that other questions depend on changes (a choice,
// a country, yes or no), the step's fields are asked for again for the answers as typed, so a
// question that now applies appears and one that no longer does goes, before anything is
// saved. Nothing typed is lost: the server renders the fields with the typed values. Without
// this script the form works as before (new questions are asked after saving).
(function () {
  'use strict';
  var pending = null;
  var refreshes = 0;

  function refresh(trigger) {
    var form = trigger.form;
    var fields = form && form.querySelector('#step-fields');
    if (!fields) return;
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== '_action') data.append(name, value);
    });
    data.append('_action', 'refresh');
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.action, {
      method: 'POST',
      body: data,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      signal: pending.signal,
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('#step-fields');
        if (!fresh) return;
        var before = fields.querySelectorAll('[name]:not([type=hidden])').length;
        var focused = document.activeElement && document.activeElement.id;
        // The inputs that stay are the very same elements, moved into the new fields, so what
        // was typed or chosen while the request was on its way is kept (labels, hints and
        // "required" marks come new).
        var current = {};
        fields.querySelectorAll('input, select, textarea').forEach(function (el) {
          if (el.id) current[el.id] = el;
        });
        var live = document.importNode(fresh, true);
        live.querySelectorAll('input, select, textarea').forEach(function (el) {
          var old = current[el.id];
          if (old && el.type !== 'hidden' && old.type === el.type && old.tagName === el.tagName) {
            el.replaceWith(old);
          }
        });
        fields.replaceWith(live);
        refreshes += 1;
        form.setAttribute('data-refreshed', String(refreshes));
        var again = focused && document.getElementById(focused);
        if (again) again.focus();
        var status = document.getElementById('step-fields-status');
        var after = document.querySelectorAll('#step-fields [name]:not([type=hidden])').length;
        if (status && before !== after) status.textContent = status.getAttribute('data-updated');
      })
      .catch(function () { /* offline or superseded: the form still works without it */ });
  }

  document.addEventListener('change', function (event) {
    var trigger = event.target.closest && event.target.closest('[data-refresh]');
    if (trigger && trigger.form) refresh(trigger);
  });
})();
