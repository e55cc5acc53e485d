// A form's "sign with EDS" buttons ([data-eds-sign]): ask the server for the exact bytes of what the form
// says (POST to the form's data-eds-document), sign them with NCALayer (the vendored ncalayer-js-client),
// put the CMS into the form's hidden "signature" field and send the form as that button would.
(() => {
  "use strict";
  if (typeof NCALayerClient === "undefined") {
    return;
  }
  for (const form of document.querySelectorAll("form[data-eds-document]")) {
    const status = form.querySelector(".eds-status");
    const say = (text, isError) => {
      if (status) {
        status.textContent = text;
        status.classList.toggle("error", Boolean(isError));
      }
    };
    for (const button of form.querySelectorAll("[data-eds-sign]")) {
      button.addEventListener("click", async () => {
        button.disabled = true;
        const body = new FormData(form);
        if (button.name) {
          body.set(button.name, button.value);
        }
        const response = await fetch(form.dataset.edsDocument, { method: "POST", body, credentials: "same-origin" });
        if (!response.ok) {
          say(form.dataset.edsInvalid, true);
          button.disabled = false;
          return;
        }
        const { document: data } = await response.json();
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
          let storage = NCALayerClient.fileStorageType;
          try {
            const tokens = await client.getActiveTokens();
            if (Array.isArray(tokens) && tokens.length > 0) {
              storage = tokens[0];
            }
          } catch (ignored) {
            // older NCALayer versions: the key file (PKCS12)
          }
          const keyType = form.dataset.edsKeyType || "SIGNATURE";
          form.elements.signature.value = await client.createCAdESFromBase64(storage, data, keyType, false);
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
