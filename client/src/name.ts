/** The extension's name as users see it (language client, messages). */
export const NAME = 'Always On VPN ProfileXML';
