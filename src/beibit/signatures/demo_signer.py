"""DEMO ONLY — a stand-in for NCALayer, the NCA RK desktop application that signs in the user's browser.

It listens where NCALayer listens (wss://127.0.0.1:13579), speaks the part of NCALayer's WebSocket protocol
that `ncalayer-js-client` uses to sign (`kz.gov.pki.knca.commonUtils`: `createCAdESFromBase64`,
`createCMSSignatureFromBase64`, `getKeyInfo`, `getActiveTokens`) and signs with the TEST keys of the demo
PKI (`beibit.signatures.testpki`), whose root only a demo deployment trusts. It plays the role a local SMTP
server plays for e-mail in tests; it is never a way to sign anything real.

Protocol (as NCALayer answers): on connect `{"result": {"version": ...}}`; a request
`{"module", "method", "args"}` is answered `{"code": "200", "responseObject": ...}`, or
`{"code": "500", "message": ...}` for what it does not do.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import ipaddress
import json
import ssl
import tempfile
from pathlib import Path
from typing import IO, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from beibit.signatures.testpki import Identity, read_identity, sign_cms

VERSION = "1.4-beibit-demo-signer"
COMMON_UTILS = "kz.gov.pki.knca.commonUtils"
MAX_MESSAGE_BYTES = 8 * 1024 * 1024


def _logins(pki: Path) -> list[str]:
    return sorted(p.name.removesuffix(".sign.pem") for p in (pki / "keys").glob("*.sign.pem"))


class DemoSigner:
    """Answers NCALayer requests with one demo user's keys (the signing key or the AUTH key)."""

    def __init__(self, pki: Path, login: str | None = None) -> None:
        logins = _logins(pki)
        if not logins:
            raise FileNotFoundError(f"no demo keys in {pki / 'keys'} (run `beibit demo` first)")
        self.login = login or logins[0]
        if self.login not in logins:
            raise FileNotFoundError(f"no demo keys for {self.login} in {pki / 'keys'}")
        self.sign = read_identity(pki / "keys", f"{self.login}.sign")
        self.auth = read_identity(pki / "keys", f"{self.login}.auth")

    def _identity(self, key_type: object) -> Identity:
        return self.auth if key_type == "AUTHENTICATION" else self.sign

    def _key_info(self) -> dict[str, Any]:
        cert = self.sign.certificate
        return {
            "alias": self.login,
            "algorithm": "RSA",
            "subjectCn": cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value,
            "subjectDn": cert.subject.rfc4514_string(),
            "issuerDn": cert.issuer.rfc4514_string(),
            "serialNumber": format(cert.serial_number, "x"),
            "certNotBefore": str(int(cert.not_valid_before_utc.timestamp() * 1000)),
            "certNotAfter": str(int(cert.not_valid_after_utc.timestamp() * 1000)),
            "pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
        }

    def answer(self, message: str) -> dict[str, Any]:
        try:
            request = json.loads(message)
            if not isinstance(request, dict):
                raise ValueError("not an object")
        except ValueError:
            return {"code": "500", "message": "not a JSON request"}
        module, method, args = request.get("module"), request.get("method"), request.get("args") or []
        if module != COMMON_UTILS:
            return {"code": "500", "message": f"module {module} is not available in the demo signer"}
        if method == "getActiveTokens":
            return {"code": "200", "responseObject": []}
        if method == "getKeyInfo":
            return {"code": "200", "responseObject": self._key_info()}
        if method in ("createCAdESFromBase64", "createCMSSignatureFromBase64"):
            if not isinstance(args, list) or len(args) < 3 or not isinstance(args[2], str):
                return {"code": "500", "message": "expected [storage, keyType, base64 data, attach]"}
            try:
                data = base64.b64decode(args[2], validate=True)
            except (binascii.Error, ValueError):
                return {"code": "500", "message": "the data is not base64"}
            attach = bool(args[3]) if len(args) > 3 else False
            signature = sign_cms(data, self._identity(args[1]), attach=attach)
            return {"code": "200", "responseObject": base64.b64encode(signature).decode()}
        return {"code": "500", "message": f"method {method} is not available in the demo signer"}


def _tls_context(directory: Path, host: str) -> ssl.SSLContext:
    """A self-signed certificate for the listening address (NCALayer uses one too; the browser must be told
    to accept it once, by opening https://HOST:PORT)."""
    cert_file, key_file = directory / "demo-signer-tls.pem", directory / "demo-signer-tls.key"
    if not cert_file.exists() or not key_file.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{host} (Beibit DEMO signer)")])
        now = dt.datetime.now(dt.UTC)
        try:
            alt: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            alt = x509.DNSName(host)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([alt]), critical=False)
            .sign(key, hashes.SHA256())
        )
        directory.mkdir(parents=True, exist_ok=True)
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


async def _serve(
    signer: DemoSigner, host: str, port: int, tls: ssl.SSLContext | None, ready: IO[str]
) -> None:
    from websockets.asyncio.server import ServerConnection, serve

    async def handle(connection: ServerConnection) -> None:
        await connection.send(json.dumps({"result": {"version": VERSION}}))
        async for message in connection:
            text = message if isinstance(message, str) else message.decode("utf-8", "replace")
            await connection.send(json.dumps(signer.answer(text)))

    async with serve(handle, host, port, ssl=tls, max_size=MAX_MESSAGE_BYTES) as server:
        bound = server.sockets[0].getsockname()[1] if server.sockets else port
        scheme = "wss" if tls is not None else "ws"
        ready.write(
            f"DEMO SIGNER (not NCALayer: test keys only) signing as {signer.login} "
            f"on {scheme}://{host}:{bound}\n"
        )
        ready.flush()
        await server.serve_forever()


def serve(pki: Path, *, login: str | None, host: str, port: int, out: IO[str], tls: bool = True) -> int:
    try:
        signer = DemoSigner(pki, login)
    except FileNotFoundError as error:
        out.write(f"{error}\n")
        return 2
    context = _tls_context(pki if pki.is_dir() else Path(tempfile.mkdtemp()), host) if tls else None
    try:
        asyncio.run(_serve(signer, host, port, context, out))
    except KeyboardInterrupt:
        return 0
    return 0
