import type { LegalDocumentContent } from './legal-document-types.ts'

export default {
  title: 'Terms of Service',
  summary:
    'These terms govern your use of this WaQtor installation. In short: use it lawfully and only to message people who want to hear from you, respect WhatsApp\'s rules, keep your access secure, and understand that the software comes without warranty.',
  effectiveDate: '2026-11-25',
  sections: [
    {
      id: 'agreement',
      heading: '1. Who these terms are between',
      body: [
        'These terms apply between you and the operator of this WaQtor installation — the organisation or person that runs it and gave you access. By signing in to the panel or using its API you accept them. If you use WaQtor on behalf of a company, you accept them for that company and confirm that you may do so.',
        'The operator may add its own terms (for example a service contract). Where they conflict with these, the operator\'s terms apply.',
      ],
    },
    {
      id: 'software',
      heading: '2. The software',
      body: [
        'WaQtor is open-source WhatsApp automation software: it connects WhatsApp accounts ("sessions"), sends and receives their messages through an API and this panel, and is extended with plugins. The operator installs it on servers it controls. The WaQtor project provides the software only; it runs no central service and has no role in the operation of this installation.',
        'WaQtor is not affiliated with, endorsed by or supported by WhatsApp LLC or Meta Platforms, Inc. "WhatsApp" is a trademark of its owner, used here only to describe what the software works with.',
      ],
    },
    {
      id: 'accounts',
      heading: '3. Your account and access',
      body: [
        {
          list: [
            'Accounts are created by an administrator of this installation. Give accurate information and keep it up to date.',
            'Keep your password and API keys secret. Do not share your account; create a separate API key for each integration and revoke keys you no longer use.',
            'You are responsible for what is done with your account and keys. Tell an administrator at once if you suspect unauthorised use.',
            'Use only the sessions and features your role allows. Viewers may look but not change anything; agents and administrators act on behalf of the operator.',
          ],
        },
      ],
    },
    {
      id: 'acceptable-use',
      heading: '4. Acceptable use',
      body: [
        'You must use WaQtor in line with the law, with these terms and with the WhatsApp Terms of Service, WhatsApp Business Terms and WhatsApp Business and Commerce Policies that apply to the accounts you connect. In particular, you must not:',
        {
          list: [
            'send spam: unsolicited bulk or automated messages, or messages to people who have not agreed to be contacted on WhatsApp or who asked you to stop;',
            'buy, rent or scrape phone numbers or contact lists to message them;',
            'send content that is illegal, misleading, fraudulent, harassing, hateful, sexually explicit or that infringes the rights of others;',
            'send malware or phishing links, or impersonate another person or business;',
            'collect or process personal data unlawfully, or use message content for purposes the people concerned would not expect;',
            'circumvent WhatsApp\'s limits or the rate limits, access controls or security of this installation, or probe it for weaknesses without the operator\'s written permission;',
            'use the service to break telecommunications, consumer protection, anti-spam or data protection laws.',
          ],
        },
        'Honour every opt-out promptly, identify the business you send for, and keep records of people\'s consent.',
      ],
    },
    {
      id: 'whatsapp-risk',
      heading: '5. WhatsApp accounts and their risks',
      body: [
        'WhatsApp decides on its own whether an account may keep using its service. Automated use, high message volumes or complaints from recipients can lead WhatsApp to restrict or ban a phone number, and WhatsApp may change how its service works at any time, which can interrupt sessions. You accept these risks for the accounts you connect; neither the operator nor the WaQtor project can restore a number that WhatsApp has banned.',
      ],
    },
    {
      id: 'operator',
      heading: '6. The operator\'s responsibilities',
      body: [
        'The operator runs this installation and is responsible for it. In particular, the operator must:',
        {
          list: [
            'have a lawful basis for the processing it performs, give the people concerned — including the contacts of connected accounts — the information the law requires, and answer their requests (see the Privacy Policy);',
            'host the installation securely: serve it over HTTPS, keep the server, WaQtor and its plugins up to date, restrict access, and back up the data;',
            'choose and review the plugins it enables, and the permissions they are given;',
            'set retention periods and delete data that is no longer needed;',
            'give users and clients contact details to reach it.',
          ],
        },
      ],
    },
    {
      id: 'plugins',
      heading: '7. Plugins',
      body: [
        'Plugins add features to WaQtor. Each one declares the permissions it needs, listed on the Plugins page. Plugins written by third parties are the responsibility of their authors and of the operator who installs them; their own licences and terms may apply.',
      ],
    },
    {
      id: 'content',
      heading: '8. Your content',
      body: [
        'You, or the business you act for, keep all rights to the messages, media and data you send or store through WaQtor. You grant the operator only the rights needed to process them in order to provide the service. You are responsible for having the rights to the content you send.',
      ],
    },
    {
      id: 'availability',
      heading: '9. Availability, suspension and termination',
      body: [
        'The operator aims to keep the service available but does not guarantee that it will be uninterrupted or error-free; maintenance, updates and outages of WhatsApp or of the hosting can interrupt it.',
        'The operator may suspend or close accounts and disconnect sessions that break these terms or put the service, its users or other people at risk. You may stop using the service at any time; ask an administrator to delete your account. When an account or session is deleted, its data is deleted as described in the Privacy Policy.',
      ],
    },
    {
      id: 'license',
      heading: '10. Licence',
      body: [
        'The WaQtor software is licensed under the MIT licence: anyone may use, copy, modify, merge, publish, distribute, sublicense and sell copies of it, provided the copyright notice and the licence text are included in all copies or substantial portions of it. The licence text is distributed with the source code. These terms do not restrict the rights the MIT licence grants to the software itself; they govern the use of this particular installation.',
      ],
    },
    {
      id: 'warranty',
      heading: '11. No warranty',
      body: [
        'The software is provided "as is", without warranty of any kind, express or implied, including but not limited to the warranties of merchantability, fitness for a particular purpose and non-infringement. To the extent the law allows, the operator provides the service on the same basis.',
      ],
    },
    {
      id: 'liability',
      heading: '12. Limitation of liability',
      body: [
        'In no event shall the authors or copyright holders of WaQtor be liable for any claim, damages or other liability, whether in an action of contract, tort or otherwise, arising from, out of or in connection with the software or its use.',
        'To the extent the law allows, the operator is not liable for indirect or consequential losses, lost profits, lost data or business interruption, nor for losses caused by WhatsApp, by third-party plugins or services, or by your breach of these terms. Nothing in these terms limits liability that cannot be limited by law, such as liability for intent, gross negligence or death and personal injury caused by negligence.',
        'You will compensate the operator for claims by third parties arising from your unlawful use of the service or your breach of these terms.',
      ],
    },
    {
      id: 'changes',
      heading: '13. Changes to these terms',
      body: [
        'The operator may change these terms, for example when the service or the law changes. The effective date at the top shows the version in force. Material changes will be announced in advance where possible; if you keep using the service after they take effect, you accept the new terms.',
      ],
    },
    {
      id: 'law',
      heading: '14. Governing law',
      body: [
        'These terms are governed by the law of the place where the operator is established, and its courts have jurisdiction, unless mandatory law of your country of residence gives you other rights. If a provision is found invalid, the rest remains in force.',
      ],
    },
    {
      id: 'contact',
      heading: '15. Contact',
      body: [
        'For questions about these terms or this service, contact the operator of this installation — the organisation that gave you access — through the contact details it gave you or through your administrator. WaQtor has no central server and no support desk for individual installations.',
      ],
    },
  ],
} satisfies LegalDocumentContent
