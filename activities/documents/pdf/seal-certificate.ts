/**
 * The organisation's seal: a PKCS#12 file (certificate and private key) the deployer provides, or
 * in development and tests a self-signed one made once and kept in the data directory, so that
 * every document of a dev stack is sealed by the same (untrusted) certificate.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

export interface SealCertificate {
  /** The PKCS#12 file it was read from. */
  file: string;
  p12: Buffer;
  passphrase: string;
  /** The certificate's common name: what pdfsig and Acrobat show as the signer. */
  signerName: string;
}

export async function readSealCertificate(p12Path: string, passphrase: string): Promise<SealCertificate> {
  const p12 = await readFile(p12Path);
  return { file: p12Path, p12, passphrase, signerName: signerOf(p12, passphrase) };
}

/** Public on purpose, like the development secrets: this certificate proves nothing outside development. */
const DEVELOPMENT_PASSPHRASE = 'development-seal';

/**
 * Named after no organisation on purpose: the organisation's identity is a setting staff change,
 * and a development seal must never pass for the organisation's.
 */
export const DEVELOPMENT_SIGNER = 'Missions, sceau de developpement';

export async function developmentSealCertificate(dir: string): Promise<SealCertificate> {
  const file = path.join(dir, 'development-seal.p12');
  try {
    return await readSealCertificate(file, DEVELOPMENT_PASSPHRASE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const p12 = selfSigned(DEVELOPMENT_SIGNER);
  // Written aside then renamed: processes starting together each see a whole file or none.
  const scratch = `${file}.${randomUUID()}`;
  await writeFile(scratch, p12, { mode: 0o600 });
  await rename(scratch, file);
  return readSealCertificate(file, DEVELOPMENT_PASSPHRASE);
}

function selfSigned(commonName: string): Buffer {
  // node:crypto makes the key in milliseconds where node-forge's pure JavaScript takes seconds.
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  certificate.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const name = [
    { name: 'commonName', value: commonName },
    { name: 'countryName', value: 'FR' },
  ];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [certificate], DEVELOPMENT_PASSPHRASE, {
    algorithm: 'aes256',
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * node-forge 1.x writes a parsed UTF8String name back encoded twice: a certificate whose issuer
 * has accents would be named wrongly in every seal's signer identifier, and no reader would find
 * the signer. Its own name (the subject) is not written there, so only the issuer is refused.
 */
function assertSignable(certificate: forge.pki.Certificate): void {
  const accented = certificate.issuer.attributes.find(
    (attribute) =>
      (attribute.valueTagClass as unknown) === forge.asn1.Type.UTF8 &&
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the range the check allows.
      /[^\x00-\x7f]/.test(String(attribute.value)),
  );
  if (accented)
    throw new Error(
      `the seal certificate's issuer (${accented.shortName ?? accented.type}) has non-ASCII characters, which the signing library would encode wrongly: ask for a certificate from an issuer with an ASCII name`,
    );
}

function signerOf(p12: Buffer, passphrase: string): string {
  const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), passphrase);
  const certBag = forge.pki.oids.certBag ?? '';
  const bags = parsed.getBags({ bagType: certBag })[certBag] ?? [];
  const certificate = bags[0]?.cert;
  if (certificate) assertSignable(certificate);
  const field = certificate?.subject.getField('CN');
  if (typeof field?.value !== 'string')
    throw new Error('the seal certificate has no certificate with a common name');
  return (field.valueTagClass as unknown) === forge.asn1.Type.UTF8
    ? forge.util.decodeUtf8(field.value)
    : field.value;
}
