"""Independent implementations for the signed-verdict tests: securesystemslib's DSSE and OpenSSF model signing.

  verify BUNDLE PUBLIC_PEM      each envelope verified by securesystemslib; prints the statements as a JSON list
  sign PRIVATE_PEM STATEMENT    a DSSE envelope of the statement file signed by securesystemslib, on stdout
  model-digest DIRECTORY        model_signing's manifest of the directory: its subject digest and each file's
"""
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import CryptoSigner, SSlibKey


def verify(bundle, public_pem):
    with open(public_pem, "rb") as f:
        key = SSlibKey.from_crypto(load_pem_public_key(f.read()))
    statements = []
    with open(bundle) as f:
        for line in f:
            if not line.strip():
                continue
            envelope = Envelope.from_dict(json.loads(line))
            envelope.verify([key], 1)  # raises VerificationError
            statements.append(json.loads(envelope.payload))
    print(json.dumps({"keyid": key.keyid, "statements": statements}))


def sign(private_pem, statement):
    with open(private_pem, "rb") as f:
        signer = CryptoSigner(load_pem_private_key(f.read(), password=None))
    with open(statement, "rb") as f:
        envelope = Envelope(payload=f.read(), payload_type="application/vnd.in-toto+json", signatures={})
    envelope.sign(signer)
    print(json.dumps(envelope.to_dict()))


def model_digest(directory):
    from model_signing import hashing
    from model_signing._signing.signing import Payload

    manifest = hashing.Config().hash(directory)
    statement = Payload(manifest).statement.pb
    subject = statement.subject[0].digest["sha256"]
    files = {d.identifier: d.digest.digest_hex for d in manifest.resource_descriptors()}
    print(json.dumps({"sha256": subject, "files": files}))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"verify": verify, "sign": sign, "model-digest": model_digest}[command](*args)
