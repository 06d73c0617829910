// What the form says, in Saudi Arabic and in English.

const money = { ar: new Intl.NumberFormat('ar-SA'), en: new Intl.NumberFormat('en-US') }

export function formatBudget(budget, locale) {
  return money[locale].format(budget)
}

export const replies = {
  ar: {
    askName: 'حياك الله! 🏠 بنسجّل طلبك في ثلاث أسئلة سريعة.\nوش اسمك الكريم؟',
    badName: 'معليش ما وصلني الاسم 🙏 اكتب اسمك لو سمحت.',
    askBudget: (name) => `تشرفنا يا ${name} 🌹\nكم ميزانيتك تقريبًا بالريال؟ (مثلًا: ٨٠٠ ألف)`,
    badBudget: 'معليش، اكتب الميزانية رقم لو سمحت، مثل ٨٠٠٠٠٠ أو ٨٠٠ ألف.',
    districtTitle: 'الأحياء',
    askDistrict: 'أبشر! وأي حي تفضّل؟ اختر من القائمة أو اكتب اسم الحي.',
    districtButton: 'اختر الحي',
    badDistrict: 'اختر رقم الحي من القائمة أو اكتب اسمه لو سمحت.',
    thanks: ({ name, budget, district }) =>
      `الله يعطيك العافية يا ${name}! ✅ سجّلنا طلبك: ميزانية ${formatBudget(budget, 'ar')} ريال في حي ${district}. بيتواصل معك أحد مستشارينا قريب إن شاء الله.`,
    cancelled: 'تم، ألغينا الطلب. إذا احتجت شي إحنا حاضرين 🌷',
    reminder: {
      name: 'ننتظر ردّك 🙂 وش اسمك الكريم؟',
      budget: 'ننتظر ردّك 🙂 كم ميزانيتك تقريبًا بالريال؟',
      district: 'ننتظر ردّك 🙂 أي حي تفضّل؟ اختر رقم من القائمة أو اكتب اسم الحي.',
    },
  },
  en: {
    askName: 'Welcome! 🏠 Three quick questions and your request is in.\nWhat is your name?',
    badName: 'Sorry, I did not catch your name 🙏 Please write your name.',
    askBudget: (name) => `Nice to meet you, ${name}!\nWhat is your budget, roughly, in riyals? (e.g. 800,000 or 800k)`,
    badBudget: 'Sorry, please write the budget as a number, e.g. 800000 or 800k.',
    districtTitle: 'Districts',
    askDistrict: 'Great! Which district do you prefer? Choose from the list or write its name.',
    districtButton: 'Choose a district',
    badDistrict: 'Please reply with the number of a district from the list, or write its name.',
    thanks: ({ name, budget, district }) =>
      `Thank you, ${name}! ✅ Your request is in: a budget of SAR ${formatBudget(budget, 'en')} in ${district}. One of our advisers will contact you soon.`,
    cancelled: 'Done, the request is cancelled. We are here whenever you need us.',
    reminder: {
      name: 'Still there? 🙂 What is your name?',
      budget: 'Still there? 🙂 What is your budget, roughly, in riyals?',
      district: 'Still there? 🙂 Which district do you prefer? Reply with a number from the list or its name.',
    },
  },
}

/** The district question as a list message (numbered text on drivers without native lists). */
export function districtList(districts, locale) {
  const say = replies[locale]
  return {
    body: say.askDistrict,
    buttonText: say.districtButton,
    sections: [{ title: say.districtTitle, rows: districts.map((district) => ({ id: district.id, title: district[locale] })) }],
    locale,
  }
}
