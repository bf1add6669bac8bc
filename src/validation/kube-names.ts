// Kubernetes' rules for names and labels (k8s.io/apimachinery/pkg/util/validation).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `value` is not a DNS-1123 label (namespace names), or undefined when it is. */
export function dns1123LabelError(value: string): string | undefined {
  if (value.length > 63) {
    return `is ${value.length} characters long, more than 63`;
  }
  if (!DNS1123_LABEL.test(value)) {
    return 'is not a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)';
  }
  return undefined;
}

/** Why `value` is not a DNS-1123 subdomain (most object names), or undefined when it is. */
export function dns1123SubdomainError(value: string): string | undefined {
  if (value.length > 253) {
    return `is ${value.length} characters long, more than 253`;
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return 'is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)';
  }
  return undefined;
}

/** Why `key` is not a valid label key (`[prefix/]name`), or undefined when it is. */
export function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) {
    return 'has more than one "/"; a label key is an optional DNS subdomain prefix, "/", and a name';
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0].length === 0) {
      return 'has an empty prefix before "/"';
    }
    const prefixError = dns1123SubdomainError(parts[0]);
    if (prefixError) {
      return `has a prefix that ${prefixError}`;
    }
  }
  if (name.length === 0) {
    return 'has an empty name';
  }
  if (name.length > 63) {
    return `has a name of ${name.length} characters, more than 63`;
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return 'has a name that is not letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is. */
export function labelValueError(value: string): string | undefined {
  if (value.length > 63) {
    return `is ${value.length} characters long, more than 63`;
  }
  if (value.length > 0 && !QUALIFIED_NAME_PART.test(value)) {
    return 'is not empty or letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  return undefined;
}
