// Time playback of report density (fxdash/playback.py builds FX). Plain canvas, no network.
(function () {
  const $ = (id) => document.getElementById(id);
  const canvas = $("fx-pb-canvas"), ctx = canvas.getContext("2d");
  const slider = $("fx-pb-slider"), button = $("fx-pb-play");
  const n = FX.labels.length, T = FX.text;
  const ratio = window.devicePixelRatio || 1;
  const H = FX.present ? 640 : 460;
  slider.max = Math.max(n - 1, 0);

  // the extent: town outlines if present, else whatever is drawn
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  const grow = (lon, lat) => { x0 = Math.min(x0, lon); x1 = Math.max(x1, lon); y0 = Math.min(y0, lat); y1 = Math.max(y1, lat); };
  FX.towns.forEach((r) => { for (let i = 0; i < r.length; i += 2) grow(r[i], r[i + 1]); });
  if (!FX.towns.length) {
    FX.stations.forEach((s) => grow(s[0], s[1]));
    FX.cells.forEach((c) => { for (let i = 0; i < c.length; i += 3) grow(FX.origin[0] + c[i] * FX.cell[0], FX.origin[1] + c[i + 1] * FX.cell[1]); });
  }
  if (!isFinite(x0)) { x0 = 121.25; x1 = 121.9; y0 = 30.7; y1 = 31.1; }
  const kx = Math.cos(((y0 + y1) / 2) * Math.PI / 180);  // metres per degree of longitude shrink with latitude

  let W = 0, scale = 1, ox = 0, oy = 0;
  function layout() {
    W = canvas.clientWidth || 900;
    canvas.width = W * ratio; canvas.height = H * ratio; canvas.style.height = H + "px";
    const pad = 16;
    scale = Math.min((W - 2 * pad) / ((x1 - x0) * kx), (H - 2 * pad) / (y1 - y0));
    ox = (W - (x1 - x0) * kx * scale) / 2; oy = (H - (y1 - y0) * scale) / 2;
  }
  const px = (lon) => ox + (lon - x0) * kx * scale;
  const py = (lat) => H - oy - (lat - y0) * scale;

  function colour(share) {
    const s = FX.ramp, t = Math.min(Math.max(share, 0), 1);
    const [a, b, u] = t <= 0.5 ? [s[0], s[1], t / 0.5] : [s[1], s[2], (t - 0.5) / 0.5];
    return "rgba(" + [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * u)).join(",") + ",0.85)";
  }

  function draw(i) {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.lineWidth = 1; ctx.strokeStyle = "#94a3b8"; ctx.fillStyle = "#eef2f7";
    FX.towns.forEach((r) => {
      ctx.beginPath();
      for (let k = 0; k < r.length; k += 2) (k ? ctx.lineTo : ctx.moveTo).call(ctx, px(r[k]), py(r[k + 1]));
      ctx.closePath(); ctx.fill(); ctx.stroke();
    });
    const cells = FX.cells[i] || [], top = Math.max(FX.max, 1);
    for (let k = 0; k < cells.length; k += 3) {
      const lon = FX.origin[0] + cells[k] * FX.cell[0], lat = FX.origin[1] + cells[k + 1] * FX.cell[1];
      const x = px(lon), y = py(lat + FX.cell[1]);
      ctx.fillStyle = colour(0.15 + 0.85 * cells[k + 2] / top);
      ctx.fillRect(x, y, Math.max(FX.cell[0] * kx * scale, 5), Math.max(FX.cell[1] * scale, 5));  // a lone report stays visible
    }
    const r = FX.present ? 4.5 : 3.5;
    FX.stations.forEach((s) => {  // stations on top: blue triangles (rider stations), green dots (others)
      const x = px(s[0]), y = py(s[1]);
      ctx.beginPath();
      if (s[2] === 0) { ctx.moveTo(x, y - r - 1); ctx.lineTo(x + r, y + r - 1); ctx.lineTo(x - r, y + r - 1); ctx.closePath(); ctx.fillStyle = "#1d4ed8"; }
      else { ctx.arc(x, y, r * 0.7, 0, 2 * Math.PI); ctx.fillStyle = "#15803d"; }
      ctx.fill(); ctx.lineWidth = 0.8; ctx.strokeStyle = "#ffffff"; ctx.stroke();
    });
    $("fx-pb-date").textContent = FX.labels[i] || "—";
    const tpl = FX.step === "day" ? T.count_day : T.count_week;
    $("fx-pb-count").textContent = tpl.replace("{n}", (FX.totals[i] || 0).toLocaleString("zh-CN"));
    $("fx-pb-pos").textContent = (n ? i + 1 : 0) + " / " + n;
    slider.value = i;
  }

  let timer = null, current = 0;
  const delay = FX.step === "day" ? 450 : 800;
  function stop(label) { if (timer) clearInterval(timer); timer = null; button.textContent = label; }
  function play() {
    if (current >= n - 1) current = 0;
    button.textContent = T.pause;
    timer = setInterval(() => {
      if (current >= n - 1) { stop(T.again); return; }
      current += 1; draw(current);
    }, delay);
    draw(current);
  }
  button.addEventListener("click", () => (timer ? stop(T.play) : play()));
  slider.addEventListener("input", () => { stop(T.play); current = Number(slider.value); draw(current); });
  window.addEventListener("resize", () => { layout(); draw(current); });

  $("fx-pb-legend").innerHTML =
    '<span>' + T.fewer + ' <canvas id="fx-pb-ramp" width="120" height="10"></canvas> ' + T.more.replace("{n}", FX.max) + '</span>' +
    '<span style="color:#1d4ed8">▲ ' + T.rider + '</span><span style="color:#15803d">● ' + T.point + '</span>';
  const rc = $("fx-pb-ramp").getContext("2d");
  for (let k = 0; k < 120; k++) { rc.fillStyle = colour(0.15 + 0.85 * k / 119); rc.fillRect(k, 0, 1, 10); }
  button.textContent = T.play;
  layout(); draw(0);
})();
