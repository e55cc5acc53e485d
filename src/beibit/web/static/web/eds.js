// Beibit's one EDS script: sign with NCALayer (through the vendored ncalayer-js-client, which must be loaded
// first) and send a form with the signature. Every signed act uses it: the filing, the answer to a proposal,
// the withdrawal, the appeal, the officer's decision, sign-in with EDS, the registry upload.
//
// Interface (all on the <form>; nothing to call):
//   data-eds-document="URL"  where to ask for the exact bytes to sign: the form's fields (and the clicked
//                            button's name=value) are POSTed there; the answer is JSON {"document": base64},
//                            or a non-2xx status when the form is not complete (data-eds-invalid is shown);
//   data-eds-data="BASE64"   or: the bytes to sign, fixed when the page was made (one of the two);
//   data-ncalayer="URL"      NCALayer's WebSocket address (wss://127.0.0.1:13579 in production);
//   data-eds-key-type        "SIGNATURE" (default: the RSA signing key) or "AUTHENTICATION" (sign-in);
//   data-eds-wait, data-eds-unreachable, data-eds-failed, data-eds-invalid, data-eds-sending
//                            the texts shown in the form's .eds-status element (translated by the page).
// Inside the form: buttons marked [data-eds-sign] (type="button"; with data-eds-confirm="text" the button
// asks first), a hidden <input name="signature">, and an element with class "eds-status" (role="status"). On a click the CMS (CAdES-BES, base64, as NCALayer
// returns it) goes into the signature field, the button's name=value is added, and the form is submitted:
// the server verifies the signature before it records anything.
(() => {
  "use strict";
  if (typeof NCALayerClient === "undefined") {
    return;
  }
  const bytesToSign = async (form, button) => {
    if (form.dataset.edsData) {
      return form.dataset.edsData;
    }
    const body = new FormData(form);
    if (button.name) {
      body.set(button.name, button.value);
    }
    const response = await fetch(form.dataset.edsDocument, { method: "POST", body, credentials: "same-origin" });
    if (!response.ok) {
      return null;
    }
    return (await response.json()).document;
  };
  const storageOf = async (client) => {
    try {
      const tokens = await client.getActiveTokens();
      if (Array.isArray(tokens) && tokens.length > 0) {
        return tokens[0];
      }
    } catch (ignored) {
      // older NCALayer versions: the key file (PKCS12)
    }
    return NCALayerClient.fileStorageType;
  };
  for (const form of document.querySelectorAll("form[data-eds-document], form[data-eds-data]")) {
    const status = form.querySelector(".eds-status");
    const say = (text, isError) => {
      if (status) {
        status.textContent = text;
        status.classList.toggle("error", Boolean(isError));
      }
    };
    for (const button of form.querySelectorAll("[data-eds-sign]")) {
      button.addEventListener("click", async () => {
        if (button.dataset.edsConfirm && !window.confirm(button.dataset.edsConfirm)) {
          return;
        }
        button.disabled = true;
        const data = await bytesToSign(form, button);
        if (data === null) {
          say(form.dataset.edsInvalid, true);
          button.disabled = false;
          return;
        }
        say(form.dataset.edsWait, false);
        const client = new NCALayerClient(form.dataset.ncalayer, false);
        try {
          await client.connect();
        } catch (error) {
          say(form.dataset.edsUnreachable, true);
          button.disabled = false;
          return;
        }
        try {
          const keyType = form.dataset.edsKeyType || "SIGNATURE";
          form.elements.signature.value = await client.createCAdESFromBase64(await storageOf(client), data, keyType, false);
          if (button.name) {
            const chosen = document.createElement("input");
            chosen.type = "hidden";
            chosen.name = button.name;
            chosen.value = button.value;
            form.appendChild(chosen);
          }
          say(form.dataset.edsSending, false);
          form.submit();
        } catch (error) {
          say(`${form.dataset.edsFailed} ${error && error.message ? error.message : error}`, true);
          button.disabled = false;
        }
      });
    }
  }
})();
