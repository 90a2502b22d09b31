// SonicFunctions Studio: a page over the public HTTP API only (parameters, faces, videos). No framework, no build.
"use strict";

const api = new URL("../", location.href); // the page is served at <api>/studio/
const $ = (id) => document.getElementById(id);
const keyStore = "sonic-api-key";
let parameters = [];
let following = 0; // the job being followed: replies for an older one are dropped
let portraitRequest = 0; // the same for face previews
let askedForKey = false;

// --- HTTP ---------------------------------------------------------------------------------------------------------

function headers() {
  const key = sessionStorage.getItem(keyStore);
  // The worker checks x-api-key; Azure Functions checks its function key in x-functions-key.
  return key ? { "x-api-key": key, "x-functions-key": key } : {};
}

const keySentence = "This server needs an API key; enter it here, then try again.";

async function call(path, options = {}) {
  const response = await fetch(new URL(path, api), { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (response.status === 401) {
    // The worker answers with a problem; the Functions host with an empty body. Either way: the key, asked once.
    $("key-box").open = true;
    if (!askedForKey) {
      askedForKey = true;
      $("api-key").focus();
    }

    throw Object.assign(new Error(keySentence), { code: "unauthorized", status: 401 });
  }

  if (!response.ok) {
    const problem = body || {};
    throw Object.assign(new Error(problem.detail || `The server answered ${response.status}.`), { code: problem.code || String(response.status), status: response.status });
  }

  return body;
}

// --- Errors next to the field they concern -------------------------------------------------------------------------

function showError(field, sentence) {
  const slot = $(`${field}-error`) || $("form-error");
  const closed = slot.closest("details");
  if (closed) {
    closed.open = true; // an error in "More settings" must be seen and heard
  }

  slot.textContent = sentence;
  const input = $(field);
  if (input) {
    input.setAttribute("aria-invalid", "true");
  }
}

function clearErrors() {
  for (const slot of document.querySelectorAll(".field-error")) {
    slot.textContent = "";
  }

  for (const input of document.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
  }
}

/** Which field an error code (and its sentence) belongs to. */
function fieldOf(code, sentence) {
  const named = /^(?:Item \d+: )?Parameter (\w+)/.exec(sentence || "");
  if (named && $(named[1])) {
    return named[1];
  }

  if (/^(image_|no_face)/.test(code)) return "image";
  if (/^(audio_|duration_)/.test(code)) return "audio";
  if (/^(script_|input_conflict|input_missing)/.test(code)) return $("script-panel").hidden ? "audio" : "script";
  if (/^(voice_|tts_)/.test(code)) return "voice";
  if (code === "missing_input") return /image/.test(sentence) ? "image" : "audio";
  if (code === "unauthorized") return "api-key";
  if (/^(model_|resolution_)/.test(code) && $("model")) return code === "resolution_unsupported" ? "min_resolution" : "model";
  return "form";
}

// --- Parameters, from the server's one list ------------------------------------------------------------------------

function renderParameters() {
  const basic = $("basic-parameters");
  const advanced = $("advanced-parameters");
  for (const p of parameters) {
    const host = { basic, advanced, speech: $("script-panel"), recording: $("recording-panel") }[p.group];
    if (!host) {
      continue; // set by the page itself (script) or for API callers only (callback_url)
    }

    const wrap = document.createElement("div");
    wrap.className = "parameter";
    const label = document.createElement("label");
    label.htmlFor = p.name;
    label.textContent = p.label;
    let input;
    if (p.choices) {
      input = document.createElement("select");
      if (p.default === null) {
        input.append(new Option("(server default)", ""));
      }

      for (const choice of p.choices) {
        input.append(new Option(choice, choice, false, choice === p.default));
      }
    } else if (p.type === "boolean") {
      input = document.createElement("input");
      input.type = "checkbox";
      input.checked = p.default === true;
    } else if (p.type === "text" && p.name === "transcript") {
      input = document.createElement("textarea");
      input.rows = 3;
      input.maxLength = p.max_length;
    } else {
      input = document.createElement("input");
      input.type = p.type === "integer" || p.type === "number" ? "number" : "text";
      if (p.min !== null) input.min = p.min;
      if (p.max !== null) input.max = p.max;
      if (p.step !== null) input.step = p.step;
      if (p.max_length) input.maxLength = p.max_length;
      input.value = p.default === null ? "" : p.default;
      input.placeholder = p.default === null ? "default" : "";
    }

    input.id = p.name;
    input.name = p.name;
    const help = document.createElement("p");
    help.className = "help";
    help.id = `${p.name}-help`;
    help.textContent = p.help;
    input.setAttribute("aria-describedby", `${help.id} ${p.name}-error`);
    const error = document.createElement("p");
    error.className = "field-error";
    error.id = `${p.name}-error`;
    error.setAttribute("role", "alert");
    if (p.type === "boolean") {
      label.prepend(input, " ");
      wrap.append(label, help, error);
    } else {
      wrap.append(label, input, help, error);
    }

    host.append(wrap);
  }
}

/** The values that differ from the defaults, as the API's form fields. */
function parameterFields(form) {
  for (const p of parameters) {
    const input = $(p.name);
    if (p.group === "request" || !input || input.closest("[hidden]")) {
      continue;
    }

    const value = p.type === "boolean" ? String(input.checked) : input.value.trim();
    if (value !== "" && value !== String(p.default)) {
      form.append(p.name, value);
    }
  }
}

// --- Portrait and face preview -------------------------------------------------------------------------------------

async function showPortrait(file) {
  clearErrors();
  const request = ++portraitRequest;
  const figure = $("portrait-figure");
  const canvas = $("portrait-canvas");
  const bitmap = await createImageBitmap(file).catch(() => null);
  if (request !== portraitRequest) {
    bitmap?.close();
    return; // another portrait was chosen meanwhile
  }

  if (!bitmap) {
    figure.hidden = true;
    showError("image", "This file is not an image the browser can show; use PNG, JPEG or WebP.");
    return;
  }

  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const g = canvas.getContext("2d");
  g.drawImage(bitmap, 0, 0);
  figure.hidden = false;
  $("portrait-caption").textContent = "Looking for the face…";
  const form = new FormData();
  form.append("image", file);
  const expand = $("expand_ratio");
  if (expand && expand.value) form.append("expand_ratio", expand.value);
  try {
    const found = await call("faces", { method: "POST", body: form });
    if (request !== portraitRequest) {
      return;
    }

    // The server measured the image as decoded (EXIF orientation applied): scale to what the browser drew.
    const sx = bitmap.width / found.width;
    const sy = bitmap.height / found.height;
    g.lineWidth = Math.max(2, bitmap.width / 200);
    g.strokeStyle = "#ffcc00";
    g.strokeRect(found.crop.x * sx, found.crop.y * sy, found.crop.side * sx, found.crop.side * sy);
    g.strokeStyle = "#00e676";
    g.strokeRect(found.face.x * sx, found.face.y * sy, found.face.width * sx, found.face.height * sy);
    $("portrait-caption").textContent =
      `Face found (green); the animated crop is the yellow square, ${found.crop.side}×${found.crop.side} px.` +
      (found.warnings.length ? ` ${found.warnings.join(" ")}` : "");
  } catch (error) {
    if (request === portraitRequest) {
      $("portrait-caption").textContent = "";
      showError(fieldOf(error.code, error.message), error.message);
    }
  } finally {
    bitmap.close();
  }
}

// --- Render and follow the job -------------------------------------------------------------------------------------

async function render(event) {
  event.preventDefault();
  clearErrors();
  const script = !$("script-panel").hidden;
  const image = $("image").files[0];
  const audio = $("audio").files[0];
  if (!image) {
    showError("image", "Choose a portrait first.");
    $("image").focus();
    return;
  }

  if (!script && !audio) {
    showError("audio", "Choose a recording, or switch to a script.");
    $("audio").focus();
    return;
  }

  if (script && !$("script").value.trim()) {
    showError("script", "Write what the presenter should say.");
    $("script").focus();
    return;
  }

  const form = new FormData();
  form.append("image", image);
  if (script) {
    form.append("script", $("script").value);
  } else {
    form.append("audio", audio);
  }

  parameterFields(form);
  $("render").disabled = true;
  try {
    const accepted = await call("videos", { method: "POST", body: form });
    follow(accepted.id);
  } catch (error) {
    $("render").disabled = false;
    const field = fieldOf(error.code, error.message);
    showError(field, error.message);
    ($(field) || $("render")).focus();
  }
}

function follow(id) {
  const token = ++following;
  const video = $("result-video");
  video.pause();
  video.removeAttribute("src");
  video.load();
  $("result").hidden = true;
  $("job-progress").hidden = false;
  $("job-progress").value = 0;
  $("job-state").textContent = "Queued.";
  $("job-eta").textContent = "";
  let stage = null;
  const done = () => {
    $("render").disabled = false;
    $("job-progress").hidden = true;
    $("job-eta").textContent = "";
    loadRecent();
  };

  // One poll at a time (each waits for the last); a newer job or a refusal ends the chain.
  const poll = async () => {
    let job;
    try {
      job = await call(`videos/${encodeURIComponent(id)}`);
    } catch (error) {
      if (token !== following) return;
      if (error.status >= 400 && error.status < 500) {
        done();
        showError(fieldOf(error.code, error.message), error.message);
        return;
      }

      setTimeout(poll, 2000); // a blip: try again
      return;
    }

    if (token !== following) return;
    $("job-progress").value = job.progress || 0;
    if (job.status === "completed") {
      done();
      const seconds = job.result.duration == null ? "" : `, ${job.result.duration.toFixed(1)} s`;
      $("job-state").textContent = `Done: ${job.result.file_name}${seconds}.`;
      showVideo(job.result);
    } else if (job.status === "failed" || job.status === "cancelled") {
      done();
      const error = job.error || { code: job.status, message: job.status === "cancelled" ? "The render was cancelled." : "The render failed." };
      $("job-state").textContent = `Failed: ${error.message}`;
      showError(fieldOf(error.code, error.message), error.message);
    } else {
      // The live region speaks when the stage changes; the percentage and ETA update silently beside it.
      if (job.stage !== stage) {
        stage = job.stage;
        $("job-state").textContent = `Rendering: ${stage || "queued"}.`;
      }

      const eta = job.eta_seconds == null ? "" : `, about ${Math.ceil(job.eta_seconds)} s left`;
      $("job-eta").textContent = `${Math.round((job.progress || 0) * 100)} %${eta}`;
      setTimeout(poll, 1000);
    }
  };
  setTimeout(poll, 500);
}

function showVideo(result) {
  const video = $("result-video");
  video.poster = result.poster_url || "";
  video.src = result.video_url; // captions play on the preview page, beside the video (same origin)

  const link = $("download");
  link.href = result.video_url;
  link.download = result.file_name; // the blob's Content-Disposition names it too (cross-origin ignores this)
  link.textContent = `Download ${result.file_name}`;
  $("preview-page").href = result.preview_url;
  $("result").hidden = false;
}

async function loadRecent() {
  try {
    const list = await call("videos?limit=10");
    const items = list.jobs.map((job) => {
      const li = document.createElement("li");
      const state = document.createElement("span");
      state.className = `state ${job.status}`;
      state.textContent = job.status;
      const when = document.createElement("time");
      when.dateTime = job.created_at;
      when.textContent = new Date(job.created_at).toLocaleString();
      li.append(state, " ", when, " ");
      if (job.result) {
        const a = document.createElement("a");
        a.href = job.result.preview_url;
        a.textContent = job.result.file_name;
        li.append(a);
      } else if (job.error) {
        li.append(job.error.message);
      }

      return li;
    });
    $("recent").replaceChildren(...items);
  } catch {
    // The list is a convenience; the form still works.
  }
}

// --- Wiring ----------------------------------------------------------------------------------------------------------

function dropZone(zone, input, onFile) {
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      onFile(input.files[0]);
    }
  });
  input.addEventListener("change", () => input.files[0] && onFile(input.files[0]));
}

async function start() {
  const key = $("api-key");
  key.value = sessionStorage.getItem(keyStore) || "";
  key.addEventListener("change", () => {
    sessionStorage.setItem(keyStore, key.value.trim());
    clearErrors();
    if (!parameters.length) load();
  });

  dropZone($("image-drop"), $("image"), showPortrait);
  dropZone($("audio-drop"), $("audio"), (file) => {
    const preview = $("audio-preview");
    if (preview.src) {
      URL.revokeObjectURL(preview.src);
    }

    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  });
  for (const radio of document.querySelectorAll("input[name=speech-source]")) {
    radio.addEventListener("change", () => {
      const script = document.querySelector("input[name=speech-source]:checked").value === "script";
      $("script-panel").hidden = !script;
      $("recording-panel").hidden = script;
    });
  }

  $("render-form").addEventListener("submit", render);
  await load();
  // The crop square depends on the margin: ask again when it changes.
  $("expand_ratio")?.addEventListener("change", () => $("image").files[0] && showPortrait($("image").files[0]));
}

async function load() {
  try {
    parameters = (await call("parameters")).parameters;
    renderParameters();
    document.body.dataset.ready = "true";
    loadRecent();
  } catch (error) {
    showError(error.code === "unauthorized" ? "api-key" : "form", error.message);
  }
}

start();
