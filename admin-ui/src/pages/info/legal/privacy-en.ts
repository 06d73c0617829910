import type { LegalDocumentContent } from './legal-document-types.ts'

export default {
  title: 'Privacy Policy',
  summary:
    'WaQtor is open-source software that an organisation installs and runs on its own servers. That organisation — the operator of this installation — decides what is done with your data and is responsible for it. The WaQtor project has no central server and receives none of the data described here.',
  effectiveDate: '2026-11-25',
  sections: [
    {
      id: 'controller',
      heading: '1. Who is responsible for your data',
      body: [
        'This admin panel belongs to a WaQtor installation run by an organisation or person (the "operator"), typically the agency or company that gave you your account. The operator is the data controller for the personal data processed by this installation: it decides why and how the data is processed, where it is hosted and how long it is kept.',
        'WaQtor itself is free, open-source software published under the MIT licence. Its authors do not host this installation, have no access to it and receive no data from it: WaQtor contains no telemetry, sends no usage reports and does not "phone home".',
        'Where an operator runs WaQtor on behalf of its own clients (for example an agency managing the WhatsApp accounts of several businesses), each client may be the controller for the messages of its own WhatsApp account and the operator its processor. The operator should then have a data processing agreement with each client.',
      ],
    },
    {
      id: 'scope',
      heading: '2. What this policy covers',
      body: [
        'This policy describes the personal data processed by this WaQtor installation: its admin panel, its API and its realtime connections, and the WhatsApp accounts ("sessions") connected to it. It applies to the people who use the panel or the API, and to the people whose WhatsApp messages and contact details pass through the connected accounts.',
        'Plugins installed by the operator may process further data for their own features. The operator must describe them here or in a notice of their own.',
      ],
    },
    {
      id: 'data',
      heading: '3. The data we process',
      body: [
        'Depending on how the operator uses WaQtor, the following data is processed:',
        {
          list: [
            'Account data of panel users: name, e-mail address, role, the sessions you may access, a hash of your password (the password itself is never stored), the dates your account was created and last used, and the API keys you create (stored as a hash with a short visible prefix).',
            'WhatsApp data of the connected sessions: the phone number and profile of each connected WhatsApp account; the messages sent and received through it, including text, media file details, locations, reactions, quoted messages, timestamps and delivery and read receipts; contacts and chats (phone numbers, names and WhatsApp identifiers); and the login files WhatsApp needs to keep the account connected, stored on the server.',
            'Technical data: the IP address and browser of each request, request and error logs, security events such as failed sign-ins, and performance metrics. Passwords, tokens and API keys are removed from the logs.',
            'Data stored in your browser: the login cookie, your cookie choice and, if you allow it, your language (see section 5).',
            'Data processed by plugins the operator has enabled, for example the URLs and event contents that the webhooks plugin delivers to other systems.',
          ],
        },
        'WaQtor does not process payment data and does not build advertising profiles.',
      ],
    },
    {
      id: 'purposes',
      heading: '4. Why the data is processed',
      body: [
        'The data is processed only to provide the service the operator runs with WaQtor:',
        {
          list: [
            'to let you sign in and to limit what each user and API key can see and do;',
            'to connect WhatsApp accounts and to send, receive, store and display their messages, contacts and delivery status;',
            'to deliver events to the systems the operator has connected, such as webhooks and realtime clients;',
            'to keep the service secure and reliable: preventing abuse, limiting sign-in attempts, investigating incidents and fixing faults;',
            'to meet legal obligations that apply to the operator.',
          ],
        },
        'The legal basis is chosen by the operator. It is usually the performance of a contract with you or with your employer, the operator\'s legitimate interest in running a secure service, or consent where the law requires it — in particular, people should only be messaged through WaQtor when they have agreed to be contacted on WhatsApp.',
      ],
    },
    {
      id: 'cookies',
      heading: '5. Cookies and browser storage',
      body: [
        'The panel uses as little browser storage as it can. It sets no advertising cookies and, on its own, no analytics of any kind.',
        {
          table: {
            head: ['Name', 'Type', 'Purpose', 'Duration'],
            rows: [
              ['waqtor_token', 'Cookie — strictly necessary', 'Keeps you signed in. It is httpOnly (scripts cannot read it) and sent only to this server.', 'Until you sign out or your login expires (one week unless the operator set otherwise)'],
              ['waqtor.consent', 'Local storage — strictly necessary', 'Remembers your choice on the cookie banner, with its version and date, so that you are not asked on every page.', 'Until you clear your browser data or the choices offered change'],
              ['waqtor.locale', 'Local storage — preferences', 'Remembers the language you chose for the panel. Written only if you accept preference storage.', 'Until you change your choice or clear your browser data'],
            ],
          },
        },
        'Strictly necessary storage does not need your consent because the panel cannot work without it. For everything else you decide on the cookie banner, and you can change your decision at any time with the "Cookie preferences" link on this page. Plugins that want to measure usage may only do so if you allowed analytics.',
      ],
    },
    {
      id: 'whatsapp',
      heading: '6. WhatsApp and other services',
      body: [
        'Messages sent and received through a connected session travel through WhatsApp, a service of WhatsApp LLC (Meta). WhatsApp processes them under its own terms and privacy policy; WaQtor has no influence over that processing. WaQtor is not affiliated with, endorsed by or supported by WhatsApp or Meta.',
        'Plugins and integrations configured by the operator may send data to other services, for example webhooks delivering message events to the operator\'s CRM. These destinations are chosen by the operator, who is responsible for them.',
      ],
    },
    {
      id: 'sharing',
      heading: '7. Who receives the data',
      body: [
        'Personal data is not sold or rented. Within this installation, each user sees only the sessions assigned to them. Outside it, data is disclosed only:',
        {
          list: [
            'to WhatsApp, to deliver messages;',
            'to the systems the operator has connected, such as webhook endpoints and API clients;',
            'to the companies that host the operator\'s servers or provide its backups, acting on the operator\'s instructions;',
            'to authorities, where the law requires it.',
          ],
        },
        'If any of these recipients is in another country, the operator is responsible for ensuring the transfer is lawful, for example through standard contractual clauses.',
      ],
    },
    {
      id: 'retention',
      heading: '8. How long the data is kept',
      body: [
        'The operator sets how long data is kept. By default, WaQtor keeps:',
        {
          list: [
            'messages, chats and contacts of a session until the operator deletes them or deletes the session — deleting a session also deletes its WhatsApp login files, messages, contacts and plugin settings;',
            'user accounts until an administrator deletes them; login tokens until they expire or you sign out;',
            'webhook deliveries for 7 days once delivered and 30 days if they failed, unless the operator changed these periods;',
            'logs for as long as the operator\'s logging system keeps them.',
          ],
        },
        'Data that is no longer needed should be deleted. Ask the operator about the periods that apply to this installation.',
      ],
    },
    {
      id: 'security',
      heading: '9. How the data is protected',
      body: [
        'WaQtor is built to protect the data it holds: passwords are hashed with Argon2; login tokens and API keys are stored only as hashes; the login cookie cannot be read by scripts and is limited to this site; access is checked on every request according to roles and assigned sessions; sign-in attempts and API use are rate-limited; and secrets are removed from the logs.',
        'The operator is responsible for the rest: serving the panel over HTTPS, keeping the server and WaQtor up to date, restricting access to the server and its database, encrypting backups, and reporting personal data breaches to the authorities and the people affected when the law requires it.',
      ],
    },
    {
      id: 'rights',
      heading: '10. Your rights',
      body: [
        'Depending on the law that applies to you (for example the EU General Data Protection Regulation), you may have the right to:',
        {
          list: [
            'know whether your data is processed and get a copy of it;',
            'have inaccurate data corrected;',
            'have your data deleted, or its processing restricted;',
            'object to processing based on legitimate interests, and to any direct marketing at any time;',
            'receive data you provided in a machine-readable format;',
            'withdraw your consent at any time, without affecting processing that took place before;',
            'lodge a complaint with your data protection authority.',
          ],
        },
        'These rights apply both to panel users and to people who exchange WhatsApp messages with a connected account. To exercise them, contact the operator (see section 13). The WaQtor project cannot answer such requests because it has no access to any installation\'s data.',
      ],
    },
    {
      id: 'children',
      heading: '11. Children',
      body: [
        'The panel is intended for professional use and is not directed at children. Accounts must not be created for anyone under 16, or under the age of digital consent in their country if that is higher.',
      ],
    },
    {
      id: 'changes',
      heading: '12. Changes to this policy',
      body: [
        'The operator may update this policy when the service or the law changes. The effective date at the top shows when it last changed. If the categories of browser storage change, the cookie banner asks for your choice again.',
      ],
    },
    {
      id: 'contact',
      heading: '13. Contact',
      body: [
        'For any question about your data or to exercise your rights, contact the operator of this installation — the organisation that gave you access to this panel, through the contact details it gave you or through your administrator. If the operator has appointed a data protection officer, they can also be reached that way.',
        'Questions about the WaQtor software itself (not about your data) can be raised with the open-source project through its public repository.',
      ],
    },
  ],
} satisfies LegalDocumentContent
