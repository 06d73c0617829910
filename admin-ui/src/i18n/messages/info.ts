import type { LocalizedMessages } from '../message-tree.ts'

export default {
  en: {
    about: {
      title: 'About WaQtor',
      lead: 'WaQtor is an open-source, plugin-based platform for automating WhatsApp. One installation runs many WhatsApp accounts — "sessions" — for many clients: an agency connects each client\'s number and switches on the features that client needs, from webhooks to a smart bot.',
      whatTitle: 'What it does',
      what: {
        sessions: 'Connects WhatsApp accounts with a QR code or a pairing code and keeps them running, reconnecting by itself.',
        messages: 'Sends and receives messages through a documented REST API, and follows each message until it is delivered and read.',
        realtime: 'Pushes live events — messages, receipts, session changes — to browsers and servers over socket.io.',
        access: 'Lets each user and API key see only the sessions they are given, with admin, agent and viewer roles.',
        plugins: 'Grows with plugins that add their own API routes, events, conversation flows and pages in this panel.',
        selfHosted: 'Runs on your own server with SQLite or PostgreSQL. Your data never leaves it, except to WhatsApp and the systems you connect.',
      },
      versionTitle: 'Version',
      serverVersion: 'Server',
      panelVersion: 'Admin panel',
      signInForVersion: 'Sign in to see the server version.',
      versionUnavailable: 'Not available',
      license: 'Licence',
      licenseValue: 'MIT — free and open source',
      linksTitle: 'For developers',
      apiDocs: 'API documentation',
      apiDocsHelp: 'Every route, tried live in Swagger UI.',
      openApi: 'OpenAPI document',
      openApiHelp: 'The machine-readable OpenAPI 3.1 description, to generate clients (requires signing in).',
      roadmapTitle: 'Product plan',
      done: 'Available',
      coming: 'Coming next',
      phases: {
        kernel: {
          title: 'Kernel',
          text: 'A small core with a plugin system, a typed event bus, validated configuration, SQLite and PostgreSQL, health checks and Prometheus metrics.',
        },
        sessions: {
          title: 'Sessions and messages',
          text: 'WhatsApp Web and sandbox drivers, supervised reconnection, message storage, delivery and read receipts, contacts.',
        },
        realtime: {
          title: 'Realtime',
          text: 'socket.io namespaces and topics per session, authenticated handshakes, rate limits and protection against slow clients.',
        },
        webhooks: {
          title: 'Webhooks',
          text: 'Signed, durable deliveries of events to your URLs, with retries, replay and statistics.',
        },
        adminPanel: {
          title: 'Admin panel',
          text: 'This panel, in Arabic and English: sessions, messages, notifications, users, API keys and plugins.',
        },
        realtimeMonitor: {
          title: 'Realtime monitor',
          text: 'Live connections, subscriptions, traffic and refusals of the realtime server, for administrators.',
        },
        smartbot: {
          title: 'SmartBot',
          text: 'Conversation flows and automatic replies that answer customers around the clock and hand over to a person when needed.',
        },
        realEstate: {
          title: 'Real-Estate pack',
          text: 'Listings, enquiries and lead qualification for real-estate agencies, switched on per session.',
        },
        gdpr: {
          title: 'GDPR toolkit',
          text: 'Opt-outs, consent records, data export and erasure on request, and redaction of personal data.',
        },
        campaigns: {
          title: 'Campaigns',
          text: 'Scheduled, throttled messages to contacts who opted in, with results per message.',
        },
        sdks: {
          title: 'SDKs',
          text: 'Official client libraries for Node.js (TypeScript) and Python.',
        },
        cluster: {
          title: 'Cluster mode',
          text: 'Several WaQtor nodes sharing one PostgreSQL database, to run more sessions and survive the loss of a node.',
        },
      },
    },
  },
  ar: {
    about: {
      title: 'حول WaQtor',
      lead: 'WaQtor منصة مفتوحة المصدر لأتمتة واتساب، تقوم على الإضافات. يشغّل التثبيت الواحد منها حسابات واتساب كثيرة — "الجلسات" — لعملاء كثيرين: فتربط الوكالة رقم كل عميل وتفعّل له الميزات التي يحتاجها، من خطافات الويب إلى الروبوت الذكي.',
      whatTitle: 'ماذا يقدّم',
      what: {
        sessions: 'يربط حسابات واتساب برمز QR أو برمز اقتران، ويُبقيها تعمل ويعيد الاتصال تلقائيًا.',
        messages: 'يرسل الرسائل ويستقبلها عبر واجهة برمجية REST موثّقة، ويتابع كل رسالة حتى تُسلَّم وتُقرأ.',
        realtime: 'يدفع الأحداث الحية — الرسائل وإشعارات الاستلام وتغيّرات الجلسات — إلى المتصفحات والخوادم عبر socket.io.',
        access: 'لا يرى كل مستخدم أو مفتاح واجهة برمجية إلا الجلسات المسندة إليه، مع أدوار المسؤول والوكيل والمشاهد.',
        plugins: 'يتوسّع بالإضافات التي تضيف مساراتها البرمجية وأحداثها ومسارات المحادثة وصفحاتها في هذه اللوحة.',
        selfHosted: 'يعمل على خادمك الخاص مع SQLite أو PostgreSQL، ولا تغادر بياناتك هذا الخادم إلا إلى واتساب والأنظمة التي تربطها.',
      },
      versionTitle: 'الإصدار',
      serverVersion: 'الخادم',
      panelVersion: 'لوحة الإدارة',
      signInForVersion: 'سجّل الدخول لرؤية إصدار الخادم.',
      versionUnavailable: 'غير متاح',
      license: 'الترخيص',
      licenseValue: 'MIT — مجاني ومفتوح المصدر',
      linksTitle: 'للمطوّرين',
      apiDocs: 'توثيق الواجهة البرمجية',
      apiDocsHelp: 'جميع المسارات، مع تجربتها مباشرةً في Swagger UI.',
      openApi: 'مستند OpenAPI',
      openApiHelp: 'وصف OpenAPI 3.1 القابل للقراءة آليًّا لتوليد العملاء البرمجيين (يتطلب تسجيل الدخول).',
      roadmapTitle: 'خطة المنتج',
      done: 'متاح',
      coming: 'قريبًا',
      phases: {
        kernel: {
          title: 'النواة',
          text: 'نواة صغيرة مع نظام إضافات، وناقل أحداث محدد الأنواع، وإعدادات يُتحقَّق منها، ودعم SQLite وPostgreSQL، وفحوص الجاهزية ومقاييس Prometheus.',
        },
        sessions: {
          title: 'الجلسات والرسائل',
          text: 'مشغّلا واتساب ويب وبيئة التجربة، وإعادة اتصال خاضعة للمراقبة، وتخزين الرسائل، وإشعارات التسليم والقراءة، وجهات الاتصال.',
        },
        realtime: {
          title: 'الاتصال الفوري',
          text: 'مساحات أسماء وموضوعات socket.io لكل جلسة، ومصافحات موثّقة، وحدود للمعدل، وحماية من العملاء البطيئين.',
        },
        webhooks: {
          title: 'خطافات الويب',
          text: 'تسليم موقّع ومضمون للأحداث إلى عناوينك، مع إعادة المحاولة وإعادة الإرسال والإحصاءات.',
        },
        adminPanel: {
          title: 'لوحة الإدارة',
          text: 'هذه اللوحة بالعربية والإنجليزية: الجلسات والرسائل والإشعارات والمستخدمون ومفاتيح الواجهة البرمجية والإضافات.',
        },
        realtimeMonitor: {
          title: 'مراقب الاتصال الفوري',
          text: 'الاتصالات والاشتراكات وحركة البيانات والرفض في خادم الاتصال الفوري لحظة بلحظة، للمسؤولين.',
        },
        smartbot: {
          title: 'الروبوت الذكي SmartBot',
          text: 'مسارات محادثة وردود تلقائية تجيب العملاء على مدار الساعة وتحوّلهم إلى موظف عند الحاجة.',
        },
        realEstate: {
          title: 'حزمة العقارات',
          text: 'العروض العقارية والاستفسارات وتأهيل العملاء المحتملين لوكالات العقارات، وتُفعَّل لكل جلسة على حدة.',
        },
        gdpr: {
          title: 'أدوات اللائحة العامة لحماية البيانات',
          text: 'طلبات إيقاف المراسلة، وسجلات الموافقة، وتصدير البيانات ومحوها عند الطلب، وإخفاء البيانات الشخصية.',
        },
        campaigns: {
          title: 'الحملات',
          text: 'رسائل مجدولة بوتيرة مضبوطة إلى جهات الاتصال التي وافقت على استقبالها، مع نتيجة كل رسالة.',
        },
        sdks: {
          title: 'حزم تطوير البرمجيات',
          text: 'مكتبات رسمية للعملاء البرمجيين: واحدة بلغة TypeScript لبيئة Node.js، وأخرى بلغة Python.',
        },
        cluster: {
          title: 'وضع العنقود',
          text: 'عدة عُقد من WaQtor تتشارك قاعدة بيانات PostgreSQL واحدة، لتشغيل جلسات أكثر ومواصلة العمل عند تعطل إحدى العُقد.',
        },
      },
    },
  },
} satisfies LocalizedMessages
