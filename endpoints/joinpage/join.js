// diemcau join page: a browser takes a bridge point's place in a meeting over WHIP (RFC 9725).
// The offer follows the MCU's layout: audio sendrecv (microphone + audio slot 1), two audio
// recvonly (slots 2, 3), video sendrecv (camera + main slot), video recvonly (speaker slot),
// and the "control" data channel. Non-trickle: the offer carries every candidate.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const T = JSON.parse($('texts').textContent);
  const bpID = document.body.dataset.bp;
  const params = new URLSearchParams(location.search);
  const whipURL = new URL('../whip/' + encodeURIComponent(bpID), location.href).href;

  const GATHER_TIMEOUT_MS = 3000;
  const CONNECT_TIMEOUT_MS = 15000;
  const DISCONNECTED_GRACE_MS = 4000;
  const RETRY_BASE_MS = 1000;
  const RETRY_CAP_MS = 30000;
  const STATS_EVERY_MS = 2000;

  const st = {
    secret: '',
    stream: null,        // local camera/microphone
    pc: null,
    dc: null,
    tx: null,            // {a: [3 audio transceivers], v: [2 video transceivers]}
    location: '',        // WHIP session URL
    gen: 0,              // bumps on every (re)join; stale callbacks check it
    attempt: 0,          // consecutive failed attempts, for the backoff
    joinedOnce: false,   // credentials proven good
    active: false,       // the operator wants to be in the meeting
    retryTimer: 0,
    watchTimer: 0,
    statsTimer: 0,
    prevStats: null,
    iceServers: [],
    hand: false,
    muteMode: null,
  };

  function fmt(s, ...args) {
    return String(s).replace(/%s/g, () => (args.length ? String(args.shift()) : ''));
  }

  function setState(state, text) {
    document.body.dataset.state = state;
    $('status').textContent = text !== undefined ? text : (T['state_' + state] || '');
  }

  function showError(text) {
    $('error').textContent = text || '';
    $('error').hidden = !text;
  }

  // Notices are kept by topic ("media", "codec-main", "codec-speaker") and shown together.
  const notices = new Map();

  function setNotice(topic, text) {
    if (text) notices.set(topic, text);
    else notices.delete(topic);
    const all = [...notices.values()];
    $('notice').textContent = all.join(' ');
    $('notice').hidden = all.length === 0;
  }

  // The secret may come in the fragment (#k=…), which browsers never send to a server.
  // It is read once and wiped from the address bar and history entry.
  function takeFragmentSecret() {
    if (!location.hash) return '';
    const k = new URLSearchParams(location.hash.slice(1)).get('k') || '';
    history.replaceState(null, '', location.pathname + location.search);
    return k.trim();
  }

  // ---- local media -------------------------------------------------------------------

  function stopStream() {
    if (st.stream) st.stream.getTracks().forEach((t) => t.stop());
    st.stream = null;
  }

  async function openMedia() {
    stopStream();
    if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      setNotice('media', T.insecure);
      showPreview();
      return;
    }
    const camID = $('cam').value;
    const micID = $('mic').value;
    const audio = micID ? { deviceId: { exact: micID } } : true;
    const video = Object.assign({ width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 25 } },
      camID ? { deviceId: { exact: camID } } : {});
    const tries = [{ audio, video }, { audio, video: false }, { audio: false, video }];
    for (const c of tries) {
      try {
        st.stream = await navigator.mediaDevices.getUserMedia(c);
        break;
      } catch (e) {
        console.warn('getUserMedia', c, e.name);
      }
    }
    const hasCam = !!(st.stream && st.stream.getVideoTracks().length);
    const hasMic = !!(st.stream && st.stream.getAudioTracks().length);
    setNotice('media', hasCam ? '' : (hasMic ? T.audio_only : T.receive_only));
    showPreview();
    await listDevices();
  }

  function showPreview() {
    const cam = st.stream && st.stream.getVideoTracks()[0];
    $('preview').srcObject = cam ? new MediaStream([cam]) : null;
    if (!st.stream || !st.stream.getAudioTracks().length) setMic(null);
  }

  async function listDevices() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return;
    const devs = await navigator.mediaDevices.enumerateDevices();
    const inUse = (kind) => {
      const t = st.stream && st.stream.getTracks().find((x) => x.kind === kind);
      return t ? t.getSettings().deviceId : '';
    };
    fillSelect($('cam'), devs.filter((d) => d.kind === 'videoinput'), T.no_camera, T.camera, inUse('video'));
    fillSelect($('mic'), devs.filter((d) => d.kind === 'audioinput'), T.no_mic, T.microphone, inUse('audio'));
  }

  function fillSelect(sel, list, none, label, current) {
    const keep = current || sel.value;
    sel.replaceChildren();
    if (!list.length) {
      sel.append(new Option(none, ''));
      sel.disabled = true;
      return;
    }
    sel.disabled = false;
    list.forEach((d, i) => sel.append(new Option(d.label || label + ' ' + (i + 1), d.deviceId)));
    if (list.some((d) => d.deviceId === keep)) sel.value = keep;
  }

  // A new device while in the meeting: swap the track when the kinds stay the same,
  // otherwise join again with the new layout.
  async function changeDevice() {
    const hadCam = !!(st.stream && st.stream.getVideoTracks().length);
    const hadMic = !!(st.stream && st.stream.getAudioTracks().length);
    await openMedia();
    if (!st.active || !st.tx) return;
    const cam = st.stream && st.stream.getVideoTracks()[0];
    const mic = st.stream && st.stream.getAudioTracks()[0];
    if (!!cam !== hadCam || !!mic !== hadMic) {
      join();
      return;
    }
    if (mic) await st.tx.a[0].sender.replaceTrack(mic);
    if (cam) await st.tx.v[0].sender.replaceTrack(cam);
  }

  // ---- joining -----------------------------------------------------------------------

  function videoCodecPreference(transceiver) {
    const want = (params.get('codec') || '').toLowerCase();
    if (!want || !transceiver.setCodecPreferences || !window.RTCRtpReceiver || !RTCRtpReceiver.getCapabilities) return;
    const caps = RTCRtpReceiver.getCapabilities('video');
    if (!caps) return;
    const pick = caps.codecs.filter((c) => {
      const mime = c.mimeType.toLowerCase();
      if (want === 'vp8') return mime === 'video/vp8';
      if (want === 'h264') {
        const f = (c.sdpFmtpLine || '').toLowerCase();
        return mime === 'video/h264' && f.includes('packetization-mode=1') && /profile-level-id=42(e0|00)/.test(f);
      }
      return false;
    });
    if (pick.length) transceiver.setCodecPreferences(pick);
  }

  function buildPeer(gen) {
    const pc = new RTCPeerConnection({ iceServers: st.iceServers, bundlePolicy: 'max-bundle' });
    const s = st.stream;
    const mic = s && s.getAudioTracks()[0];
    const cam = s && s.getVideoTracks()[0];
    const streams = s ? [s] : [];
    const tx = {
      a: [
        pc.addTransceiver(mic || 'audio', { direction: mic ? 'sendrecv' : 'recvonly', streams }),
        pc.addTransceiver('audio', { direction: 'recvonly' }),
        pc.addTransceiver('audio', { direction: 'recvonly' }),
      ],
      v: [
        pc.addTransceiver(cam || 'video', { direction: cam ? 'sendrecv' : 'recvonly', streams }),
        pc.addTransceiver('video', { direction: 'recvonly' }),
      ],
    };
    tx.v.forEach(videoCodecPreference);
    const dc = pc.createDataChannel('control', { ordered: true });
    dc.onmessage = (ev) => gen === st.gen && onControl(ev.data);
    dc.onopen = () => gen === st.gen && onControlOpen();
    dc.onclose = () => gen === st.gen && st.active && document.body.dataset.state === 'joined' && lost();
    pc.ontrack = (ev) => gen === st.gen && onTrack(tx, ev);
    pc.onconnectionstatechange = () => gen === st.gen && onConnectionState(pc);
    st.pc = pc;
    st.dc = dc;
    st.tx = tx;
    $('cam-state').hidden = true; // a new link sends the camera until the MCU says otherwise
    return pc;
  }

  function gatheringComplete(pc) {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve();
      };
      const check = () => pc.iceGatheringState === 'complete' && done();
      const timer = setTimeout(done, GATHER_TIMEOUT_MS);
      pc.addEventListener('icegatheringstatechange', check);
    });
  }

  // iceServersFromLinks reads RFC 9725 §4.6 Link headers (rel="ice-server").
  function iceServersFromLinks(header) {
    const out = [];
    if (!header) return out;
    for (const part of header.split(/,(?=\s*<)/)) {
      const m = part.match(/^\s*<([^>]+)>(.*)$/);
      if (!m || !/rel="?ice-server"?/i.test(m[2])) continue;
      const server = { urls: m[1] };
      const user = m[2].match(/username="([^"]*)"/i);
      const cred = m[2].match(/credential="([^"]*)"/i);
      if (user) server.username = user[1];
      if (cred) server.credential = cred[1];
      out.push(server);
    }
    return out;
  }

  async function join() {
    const gen = ++st.gen;
    clearTimeout(st.retryTimer);
    teardown();
    st.active = true;
    showError('');
    setState(st.joinedOnce ? 'reconnecting' : 'connecting', T.state_connecting);
    $('leave').disabled = false;
    let resp;
    let pc;
    try {
      pc = buildPeer(gen);
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringComplete(pc);
      if (gen !== st.gen) return;
      resp = await fetch(whipURL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + st.secret },
        body: pc.localDescription.sdp,
        cache: 'no-store',
      });
    } catch (e) {
      console.warn('join', e);
      if (gen === st.gen) retryLater(T.retry_in);
      return;
    }
    if (gen !== st.gen) return;
    if (resp.status === 401 || (resp.status === 404 && !st.joinedOnce)) {
      stop();
      setState('setup', '');
      showError(T.bad_credentials);
      $('secret').focus();
      return;
    }
    if (resp.status === 404) {
      retryLater(T.waiting_meeting); // the meeting ended or the server came back without it yet
      return;
    }
    if (resp.status === 403) {
      // Not on the meeting's list, the meeting is locked, or a technician disconnected this
      // site: the control center has been told; retrying by itself cannot help.
      const why = (await resp.text().catch(() => '')).trim();
      stop();
      setState('refused');
      showError(fmt(T.refused, why || resp.status));
      return;
    }
    if (resp.status === 400 || resp.status === 413 || resp.status === 415) {
      const why = (await resp.text().catch(() => '')).trim();
      stop();
      setState('setup', '');
      showError(fmt(T.incompatible, why || resp.status));
      return;
    }
    if (resp.status !== 201) {
      retryLater(T.retry_in);
      return;
    }
    try {
      st.location = new URL(resp.headers.get('Location') || '', resp.url).href;
      const servers = iceServersFromLinks(resp.headers.get('Link'));
      if (servers.length) st.iceServers = servers; // used from the next (re)join on
      const answer = await resp.text();
      if (gen !== st.gen) return;
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (e) {
      console.warn('answer', e);
      if (gen === st.gen) retryLater(T.retry_in);
      return;
    }
    st.watchTimer = setTimeout(() => gen === st.gen && pc.connectionState !== 'connected' && lost(), CONNECT_TIMEOUT_MS);
  }

  function onConnectionState(pc) {
    switch (pc.connectionState) {
      case 'connected':
        clearTimeout(st.watchTimer);
        st.attempt = 0;
        st.joinedOnce = true;
        setState('joined');
        $('hand').disabled = false;
        startStats();
        break;
      case 'disconnected':
        clearTimeout(st.watchTimer);
        st.watchTimer = setTimeout(() => pc === st.pc && pc.connectionState !== 'connected' && lost(), DISCONNECTED_GRACE_MS);
        break;
      case 'failed':
      case 'closed':
        lost();
        break;
    }
  }

  // lost ends the current link and schedules the next attempt.
  function lost() {
    if (!st.active) return;
    retryLater(T.retry_in);
  }

  function retryLater(text) {
    teardown();
    st.gen++;
    const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** st.attempt);
    const delay = ceiling / 2 + Math.random() * ceiling / 2; // exponential backoff with jitter
    st.attempt++;
    setState('reconnecting', fmt(text, Math.ceil(delay / 1000)));
    clearTimeout(st.retryTimer);
    st.retryTimer = setTimeout(join, delay);
  }

  // teardown closes the link and ends the WHIP session; local media stay open.
  function teardown() {
    clearTimeout(st.watchTimer);
    clearInterval(st.statsTimer);
    st.prevStats = null;
    const pc = st.pc;
    if (pc) pc.onconnectionstatechange = null;
    // The DELETE goes first and the link closes when it is answered (or after a short wait):
    // closing first would let the MCU see the link drop before it hears that the site left,
    // and log a deliberate leave as an interruption.
    const ended = st.location ? deleteSession(st.location) : Promise.resolve();
    st.location = '';
    if (pc) ended.finally(() => pc.close());
    st.pc = null;
    st.dc = null;
    st.tx = null;
    ['v-main', 'v-speaker', 'a1', 'a2', 'a3'].forEach((id) => { $(id).srcObject = null; });
    $('hand').disabled = true;
    $('rollcall').hidden = true; // an unanswered roll call is asked again when the link is back
    showSlots({ main: '', speaker: '', audio: [] });
  }

  function deleteSession(url) {
    return fetch(url, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ' + st.secret },
      keepalive: true,
      signal: AbortSignal.timeout(1500),
    }).catch(() => {});
  }

  // stop leaves for good (until the operator joins again).
  function stop() {
    st.active = false;
    st.gen++;
    clearTimeout(st.retryTimer);
    teardown();
    $('leave').disabled = true;
  }

  // ---- what the MCU sends --------------------------------------------------------------

  function onTrack(tx, ev) {
    const stream = new MediaStream([ev.track]);
    const a = tx.a.indexOf(ev.transceiver);
    if (a >= 0) {
      const el = $('a' + (a + 1));
      el.srcObject = stream;
      el.play().catch(() => { $('sound').hidden = false; });
      return;
    }
    const v = tx.v.indexOf(ev.transceiver);
    if (v >= 0) $(v === 0 ? 'v-main' : 'v-speaker').srcObject = stream;
  }

  function onControlOpen() {
    if (st.hand) send({ type: 'speak_request' }); // a request made before a reconnect stands
  }

  function send(msg) {
    if (st.dc && st.dc.readyState === 'open') st.dc.send(JSON.stringify(msg));
  }

  function onControl(data) {
    let m;
    try {
      m = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (m.type) {
      case 'mute':
        setMic(m.muted ? (m.mode || 'soft') : 'unmuted');
        break;
      case 'floor':
        setHand(false);
        $('floor').textContent = m.granted ? T.floor_granted : T.floor_revoked;
        $('floor').dataset.granted = String(!!m.granted);
        break;
      case 'slots':
        showSlots(m);
        break;
      case 'video':
        if (typeof m.send === 'boolean') setCamera(m.send);
        break;
      case 'roll_call':
        askRollCall();
        break;
      case 'disconnected':
        st.location = ''; // the MCU ended the session itself: no DELETE, so it stays "disconnected"
        stop();
        setState('removed'); // disconnected by the control center
        showError(fmt(T.disconnected, m.reason ? ': ' + m.reason : ''));
        break;
      case 'meeting_ended':
        st.location = ''; // the MCU ended the session itself: no DELETE
        stop();
        setState('ended'); // the control center closed the meeting: no retry
        showError(T.meeting_ended);
        break;
      case 'notice':
        if (m.code === 'codec') {
          const slot = m.slot === 'speaker' ? 'speaker' : 'main';
          const codec = String(m.codec || T.unknown).replace(/^video\//i, '');
          setNotice('codec-' + slot, fmt(T.notice_codec, T['slot_' + slot].toLowerCase(), codec));
          codecBlocked[slot] = m.source || '';
        } else if (m.text) {
          setNotice('other', m.text);
        }
        break;
    }
  }

  // askRollCall shows the roll-call field: the site answers with its number of attendees.
  function askRollCall() {
    $('rollcall').hidden = false;
    $('attended').hidden = true;
    $('attendees').focus();
  }

  function onRollCall(ev) {
    ev.preventDefault();
    const raw = $('attendees').value.trim();
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n > 10000) {
      showError(T.rollcall_bad);
      $('attendees').focus();
      return;
    }
    showError('');
    send({ type: 'attendance', attendees: n });
    $('rollcall').hidden = true;
    $('attended').textContent = fmt(T.rollcall_sent, n);
    $('attended').hidden = false;
  }

  function setMic(mode) {
    const hasMic = !!(st.stream && st.stream.getAudioTracks().length);
    const el = $('mic-state');
    if (!hasMic) mode = null;
    st.muteMode = mode;
    el.dataset.mode = mode || 'none';
    el.textContent = { unmuted: T.mic_open, soft: T.mic_soft, hard: T.mic_hard }[mode] || T.mic_none;
    $('unmute').hidden = mode !== 'soft';
  }

  // setCamera pauses or resumes sending the camera: the MCU pauses a picture that no screen
  // shows (it is on nobody's slot) and resumes it, with a fresh keyframe, when a slot needs it.
  function setCamera(send) {
    $('cam-state').hidden = send;
    const sender = st.tx && st.tx.v[0].sender;
    if (!sender || !sender.track) return;
    const p = sender.getParameters();
    if (!p.encodings || !p.encodings.length) return;
    p.encodings.forEach((e) => { e.active = send; });
    sender.setParameters(p).catch(() => {});
  }

  function setHand(on) {
    st.hand = on;
    const b = $('hand');
    b.setAttribute('aria-pressed', String(on));
    b.textContent = on ? T.hand_lower : T.hand_raise;
    if (on) $('floor').textContent = T.hand_waiting;
  }

  function nameOf(m, id) {
    return (m.names && m.names[id]) || id;
  }

  // codecBlocked remembers, per video slot, the source whose codec this browser cannot take;
  // the notice goes when another source takes the slot.
  const codecBlocked = { main: '', speaker: '' };

  function showSlots(m) {
    for (const slot of ['main', 'speaker']) {
      if (m[slot] && m[slot] !== codecBlocked[slot]) {
        codecBlocked[slot] = '';
        setNotice('codec-' + slot, '');
      }
    }
    $('n-main').textContent = m.main ? nameOf(m, m.main) : T.slot_empty;
    $('n-speaker').textContent = m.speaker ? nameOf(m, m.speaker) : T.slot_empty;
    $('n-main').dataset.bp = m.main || '';
    $('n-speaker').dataset.bp = m.speaker || '';
    const heard = (m.audio || []).filter(Boolean).map((id) => nameOf(m, id));
    $('audio-names').textContent = heard.length ? fmt(T.audio_from, heard.join(', ')) : T.audio_none;
  }

  // ---- connection quality -------------------------------------------------------------

  function startStats() {
    clearInterval(st.statsTimer);
    st.prevStats = null;
    st.statsTimer = setInterval(sampleStats, STATS_EVERY_MS);
  }

  async function sampleStats() {
    const pc = st.pc;
    if (!pc) return;
    const report = await pc.getStats();
    const now = { at: performance.now(), inBytes: 0, outBytes: 0, lost: 0, recv: 0, rtt: null, videoIn: 0 };
    let pairID = '';
    report.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pairID = s.selectedCandidatePairId;
    });
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') {
        now.inBytes += s.bytesReceived || 0;
        now.lost += Math.max(0, s.packetsLost || 0);
        now.recv += s.packetsReceived || 0;
        if (s.kind === 'video') now.videoIn += s.bytesReceived || 0;
      } else if (s.type === 'outbound-rtp') {
        now.outBytes += s.bytesSent || 0;
      } else if (s.type === 'candidate-pair' && (s.id === pairID || (!pairID && s.nominated)) &&
          typeof s.currentRoundTripTime === 'number') {
        now.rtt = s.currentRoundTripTime * 1000;
      } else if (s.type === 'remote-inbound-rtp' && now.rtt === null && typeof s.roundTripTime === 'number') {
        now.rtt = s.roundTripTime * 1000;
      }
    });
    const prev = st.prevStats;
    st.prevStats = now;
    if (!prev || pc !== st.pc) return;
    const secs = (now.at - prev.at) / 1000;
    const lost = now.lost - prev.lost;
    const got = now.recv - prev.recv;
    const loss = lost + got > 0 ? (100 * lost) / (lost + got) : 0;
    const kin = (8 * (now.inBytes - prev.inBytes)) / 1000 / secs;
    const kout = (8 * (now.outBytes - prev.outBytes)) / 1000 / secs;
    const rtt = now.rtt;
    let grade = 'good';
    if (loss >= 10 || (rtt !== null && rtt >= 600)) grade = 'bad';
    else if (loss >= 5 || (rtt !== null && rtt >= 300)) grade = 'poor';
    else if (loss >= 2 || (rtt !== null && rtt >= 150)) grade = 'fair';
    const el = $('quality');
    el.dataset.grade = grade;
    el.dataset.rttMs = rtt === null ? '' : rtt.toFixed(0);
    el.dataset.lossPct = loss.toFixed(1);
    el.dataset.inKbps = kin.toFixed(0);
    el.dataset.outKbps = kout.toFixed(0);
    el.dataset.videoInBytes = String(now.videoIn);
    el.textContent = fmt(T.quality, T['grade_' + grade], rtt === null ? T.unknown : rtt.toFixed(0),
      loss.toFixed(1), kin.toFixed(0), kout.toFixed(0));
  }

  // ---- wiring -------------------------------------------------------------------------

  function onSubmit(ev) {
    ev.preventDefault();
    const typed = $('secret').value.trim();
    if (typed) st.secret = typed;
    if (!st.secret) {
      showError(T.need_secret);
      return;
    }
    $('secret').value = '';
    st.attempt = 0;
    st.joinedOnce = false;
    join();
  }

  function init() {
    if (!window.RTCPeerConnection) {
      showError(T.no_webrtc);
      $('join').disabled = true;
      return;
    }
    $('join-form').addEventListener('submit', onSubmit);
    $('rollcall').addEventListener('submit', onRollCall);
    $('cam').addEventListener('change', changeDevice);
    $('mic').addEventListener('change', changeDevice);
    $('unmute').addEventListener('click', () => send({ type: 'unmute' }));
    $('hand').addEventListener('click', () => {
      setHand(!st.hand);
      send({ type: st.hand ? 'speak_request' : 'speak_cancel' });
    });
    $('leave').addEventListener('click', () => {
      stop();
      setState('left');
    });
    $('sound').addEventListener('click', () => {
      ['a1', 'a2', 'a3'].forEach((id) => $(id).play().catch(() => {}));
      $('sound').hidden = true;
    });
    window.addEventListener('online', () => {
      if (st.active && document.body.dataset.state === 'reconnecting') join();
    });
    window.addEventListener('pagehide', () => {
      if (st.location) deleteSession(st.location);
    });
    st.secret = takeFragmentSecret();
    setMic(null);
    setState('media');
    openMedia().finally(() => {
      if (st.secret) join();
      else setState('setup');
    });
  }

  init();
})();
