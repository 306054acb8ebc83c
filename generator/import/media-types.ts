/**
 * A JSON media type of vCD (`application/vnd.vmware.vcloud.vApp+json;version=30.0`) -> its XML
 * twin (`application/vnd.vmware.vcloud.vApp+xml`): the same type with the `+xml` suffix and without
 * parameters (the operations document names media types without `version`). An XML media type stays
 * as it is; anything else (`application/json`) has no XML twin.
 */
export function xmlMediaType(mediaType: string): string | undefined {
  const essence = mediaType.split(";")[0].trim();
  const match =
    /^(application\/(?:\*|vnd\.vmware\.[^+\s]+))\+(json|xml)$/i.exec(essence);
  return match ? `${match[1]}+xml` : undefined;
}
