const messageReceived = { name: 'message.received' }

const menu = {
  en: {
    title: 'Coffee corner',
    body: 'What would you like today?',
    sections: [
      { title: 'Hot', rows: [{ id: 'espresso', title: 'Espresso' }, { id: 'latte', title: 'Latte', description: 'With oat milk on request' }] },
      { title: 'Cold', rows: [{ id: 'iced-tea', title: 'Iced tea' }] },
    ],
  },
  ar: {
    title: 'ركن القهوة',
    body: 'ماذا تطلب اليوم؟',
    sections: [
      { title: 'ساخن', rows: [{ id: 'espresso', title: 'إسبريسو' }, { id: 'latte', title: 'لاتيه', description: 'بحليب الشوفان عند الطلب' }] },
      { title: 'بارد', rows: [{ id: 'iced-tea', title: 'شاي مثلج' }] },
    ],
  },
}

export default {
  register(plugin) {
    plugin.bus.on(messageReceived, (message) => {
      if (message.fromMe || message.chatId.endsWith('@g.us')) return
      const send = (content, key) =>
        plugin.messages
          .send(message.sessionId, { to: message.chatId, ...content }, { idempotencyKey: `${key}:${message.messageId}` })
          .catch((error) => plugin.logger.warn({ err: error, code: error.code }, 'could not answer'))

      // A reply to our list: the kernel says which option it chose.
      if (message.listReply) {
        const arabic = /[\u0600-\u06FF]/.test(message.listReply.title)
        void send({ text: arabic ? `تم اختيار: ${message.listReply.title} ☕` : `You chose: ${message.listReply.title} ☕` }, 'choice')
        return
      }
      const word = message.body.trim().toLowerCase()
      if (word === 'menu') void send({ list: menu.en }, 'menu')
      if (word === 'القائمة') void send({ list: menu.ar }, 'menu')
    }, { id: 'menu' })
  },
}
