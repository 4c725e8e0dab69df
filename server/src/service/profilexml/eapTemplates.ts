/**
 * The EapHostConfig documents this product writes: the quick fix of eap-configuration-missing
 * and the "new profile" generator share them. Built from the parts Windows itself exports
 * (the namespaces of Microsoft's EAP configuration page and the Win32 EAPHost schemas; method
 * types 13, 25 and 26), tab-relative for
 * edits.insertChild. Server validation carries visible placeholders on purpose: a made-up but
 * well-formed thumbprint would deploy a profile that silently trusts nothing.
 */

export const ROOT_CA_PLACEHOLDER = 'ROOT-CA-SHA1-THUMBPRINT';
export const NPS_NAME_PLACEHOLDER = 'nps.example.com';

const NS = 'http://www.microsoft.com/provisioning/';

const deeper = (lines: readonly string[], levels = 1): string[] => lines.map((line) => '\t'.repeat(levels) + line);

/** The EapMethod header naming the outer method. */
function methodHeader(type: number): string[] {
  return [
    '<EapMethod>',
    `\t<Type xmlns="${NS}EapCommon">${type}</Type>`,
    `\t<VendorId xmlns="${NS}EapCommon">0</VendorId>`,
    `\t<VendorType xmlns="${NS}EapCommon">0</VendorType>`,
    `\t<AuthorId xmlns="${NS}EapCommon">0</AuthorId>`,
    '</EapMethod>',
  ];
}

/** The NPS server is checked by name and by the root CA that issued its certificate, without asking the user. */
const SERVER_VALIDATION = [
  '<ServerValidation>',
  '\t<DisableUserPromptForServerValidation>true</DisableUserPromptForServerValidation>',
  `\t<ServerNames>${NPS_NAME_PLACEHOLDER}</ServerNames>`,
  `\t<TrustedRootCA>${ROOT_CA_PLACEHOLDER}</TrustedRootCA>`,
  '</ServerValidation>',
];

/** EAP-TLS (type 13): the user's certificate from the store. */
const EAP_TLS_METHOD = [
  `<Eap xmlns="${NS}BaseEapConnectionPropertiesV1">`,
  '\t<Type>13</Type>',
  `\t<EapType xmlns="${NS}EapTlsConnectionPropertiesV1">`,
  '\t\t<CredentialsSource>',
  '\t\t\t<CertificateStore>',
  '\t\t\t\t<SimpleCertSelection>true</SimpleCertSelection>',
  '\t\t\t</CertificateStore>',
  '\t\t</CredentialsSource>',
  ...deeper(SERVER_VALIDATION, 2),
  '\t\t<DifferentUsername>false</DifferentUsername>',
  `\t\t<PerformServerValidation xmlns="${NS}EapTlsConnectionPropertiesV2">true</PerformServerValidation>`,
  `\t\t<AcceptServerName xmlns="${NS}EapTlsConnectionPropertiesV2">true</AcceptServerName>`,
  '\t</EapType>',
  '</Eap>',
];

/** EAP-MSCHAPv2 (type 26): user name and password, only ever inside PEAP. */
const MSCHAPV2_METHOD = [
  `<Eap xmlns="${NS}BaseEapConnectionPropertiesV1">`,
  '\t<Type>26</Type>',
  `\t<EapType xmlns="${NS}MsChapV2ConnectionPropertiesV1">`,
  '\t\t<UseWinLogonCredentials>false</UseWinLogonCredentials>',
  '\t</EapType>',
  '</Eap>',
];

/** PEAP (type 25): a validated TLS tunnel to the NPS server with `inner` inside it. */
function peapMethod(inner: readonly string[]): string[] {
  return [
    `<Eap xmlns="${NS}BaseEapConnectionPropertiesV1">`,
    '\t<Type>25</Type>',
    `\t<EapType xmlns="${NS}MsPeapConnectionPropertiesV1">`,
    ...deeper(SERVER_VALIDATION, 2),
    '\t\t<FastReconnect>true</FastReconnect>',
    '\t\t<InnerEapOptional>false</InnerEapOptional>',
    ...deeper(inner, 2),
    '\t\t<EnableQuarantineChecks>false</EnableQuarantineChecks>',
    '\t\t<RequireCryptoBinding>false</RequireCryptoBinding>',
    '\t\t<PeapExtensions>',
    `\t\t\t<PerformServerValidation xmlns="${NS}MsPeapConnectionPropertiesV2">true</PerformServerValidation>`,
    `\t\t\t<AcceptServerName xmlns="${NS}MsPeapConnectionPropertiesV2">true</AcceptServerName>`,
    '\t\t</PeapExtensions>',
    '\t</EapType>',
    '</Eap>',
  ];
}

function hostConfig(outerType: number, method: readonly string[]): string {
  return [
    `<EapHostConfig xmlns="${NS}EapHostConfig">`,
    ...deeper(methodHeader(outerType)),
    `\t<Config xmlns="${NS}EapHostConfig">`,
    ...deeper(method, 2),
    '\t</Config>',
    '</EapHostConfig>',
  ].join('\n');
}

/** PEAP with EAP-TLS inside (user certificate): the product's default, and the quick fix's skeleton. */
export const PEAP_TLS_HOST_CONFIG = hostConfig(25, peapMethod(EAP_TLS_METHOD));
/** EAP-TLS as the outer method. */
export const EAP_TLS_HOST_CONFIG = hostConfig(13, EAP_TLS_METHOD);
/** PEAP with EAP-MSCHAPv2 inside. */
export const PEAP_MSCHAPV2_HOST_CONFIG = hostConfig(25, peapMethod(MSCHAPV2_METHOD));

/** A template with its placeholders replaced (values escaped as XML text). */
export function fillEapTemplate(template: string, rootCaThumbprint: string, npsNames: string): string {
  const xmlText = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return template.split(ROOT_CA_PLACEHOLDER).join(xmlText(rootCaThumbprint)).split(NPS_NAME_PLACEHOLDER).join(xmlText(npsNames));
}
