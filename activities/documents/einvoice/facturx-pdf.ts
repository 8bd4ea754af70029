/**
 * Turns a PDF/A-3 (LibreOffice's PDF/A-3b export) into a Factur-X invoice (Factur-X 1.0.7,
 * §6.2): the XML embedded as factur-x.xml, its file specification listed in the document
 * catalogue's /AF with /AFRelationship /Alternative (the PDF and the XML show the same invoice,
 * the relationship France uses for EN 16931), and the Factur-X properties with their PDF/A
 * extension schema added to the XMP metadata, which PDF/A requires of any non-standard property.
 * Done before the seal: the seal then covers the XML as it covers the pages.
 */
import {
  decodePDFRawStream,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { FACTURX_FILENAME } from './cii.ts';

const FX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
/** The XMP's fx:ConformanceLevel spelling of the EN 16931 profile. */
const CONFORMANCE_LEVEL = 'EN 16931';

const FACTURX_XMP = `<rdf:Description rdf:about="" xmlns:fx="${FX_NAMESPACE}">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>${CONFORMANCE_LEVEL}</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>${FX_NAMESPACE}</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
${[
  ['DocumentFileName', 'name of the embedded XML invoice file'],
  ['DocumentType', 'INVOICE'],
  ['Version', 'The actual version of the Factur-X XML schema'],
  ['ConformanceLevel', 'The conformance level of the embedded Factur-X data'],
]
  .map(
    ([name, description]) => `            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
  )
  .join('\n')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>
`;

function metadataOf(document: PDFDocument): string {
  const stream = document.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream))
    throw new Error('the PDF has no XMP metadata: it is not the PDF/A-3 LibreOffice exports');
  return new TextDecoder().decode(decodePDFRawStream(stream).decode());
}

/** PDF/A-3 identification LibreOffice wrote; anything else cannot carry an attachment lawfully. */
function assertPdfA3(xmp: string): void {
  if (!/<pdfaid:part>3<\/pdfaid:part>|pdfaid:part="3"/.test(xmp))
    throw new Error('the PDF is not PDF/A-3: export it with SelectPdfVersion 3');
}

export async function embedFacturX(pdf: Buffer, xml: string, modifiedAt: Date): Promise<Buffer> {
  // The document information must keep matching the XMP, which PDF/A checks: pdf-lib leaves it.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context, catalog } = document;
  const xmp = metadataOf(document);
  assertPdfA3(xmp);
  if (xmp.includes(FX_NAMESPACE)) throw new Error('the PDF already carries a Factur-X invoice');

  const bytes = new TextEncoder().encode(xml);
  const file = context.register(
    context.flateStream(bytes, {
      Type: 'EmbeddedFile',
      Subtype: 'text/xml',
      Params: { Size: bytes.length, ModDate: PDFString.fromDate(modifiedAt) },
    }),
  );
  const fileSpec = context.register(
    context.obj({
      Type: 'Filespec',
      F: PDFString.of(FACTURX_FILENAME),
      UF: PDFHexString.fromText(FACTURX_FILENAME),
      EF: { F: file, UF: file },
      Desc: PDFHexString.fromText('Factur-X invoice'),
      AFRelationship: 'Alternative',
    }),
  );
  catalog.set(PDFName.of('AF'), context.obj([fileSpec]));
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict) ?? context.obj({});
  names.set(
    PDFName.of('EmbeddedFiles'),
    context.obj({ Names: context.obj([PDFHexString.fromText(FACTURX_FILENAME), fileSpec]) }),
  );
  catalog.set(PDFName.of('Names'), names);

  // Written in the packet, unfiltered as PDF/A wants metadata, beside LibreOffice's descriptions.
  const extended = xmp.replace(/<\/rdf:RDF>/, `${FACTURX_XMP}</rdf:RDF>`);
  const metadata = context.stream(new TextEncoder().encode(extended), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));
  return Buffer.from(await document.save());
}
