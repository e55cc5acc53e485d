"""Electronic digital signatures (EDS) as NCA RK issues them and NCALayer produces them: a CMS (CAdES-BES)
verified on the server — the signature over the exact bytes, the signing certificate's path to a configured
trust anchor, its validity, its revocation (CRL or OCSP) and its key usage — and the signer read from the
certificate's subject in NCA RK's layout (IIN in SERIALNUMBER, BIN in OU).

No Django here: the case service (`beibit.cases.signed`) and the command line (`beibit signature verify`)
call `verify` with a `Trust` and the bytes that must have been signed.
"""

from beibit.signatures.model import (
    ErrorCode,
    Problem,
    Purpose,
    Revocation,
    Signer,
    Verification,
)
from beibit.signatures.trust import Trust, load_trust
from beibit.signatures.verify import verify

__all__ = [
    "ErrorCode",
    "Problem",
    "Purpose",
    "Revocation",
    "Signer",
    "Trust",
    "Verification",
    "load_trust",
    "verify",
]
