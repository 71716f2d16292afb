/**
 * The closed list of Arabic spellings of Latin letter names, as acronyms are written in Arabic
 * ("آي بي إم" IBM, "إتش إس بي سي" HSBC). Several letters share a spelling (بي is B or P).
 */
export const arabicLetterNames: Record<string, string> = {
  إيه: 'a', ايه: 'a', بي: 'bp', سي: 'c', دي: 'd', إي: 'ei', اي: 'iea', آي: 'i', إف: 'f', اف: 'f', جي: 'g', إتش: 'h',
  اتش: 'h', اتشي: 'h', جيه: 'j', جاي: 'j', كيه: 'k', كاي: 'k', كي: 'k', إل: 'l', ال: 'l', إم: 'm', ام: 'm', إن: 'n',
  ان: 'n', أو: 'o', او: 'o', كيو: 'q', آر: 'r', ار: 'r', إس: 's', اس: 's', تي: 't', يو: 'u', في: 'v', ڤي: 'v',
  دبليو: 'w', إكس: 'x', اكس: 'x', واي: 'y', زد: 'z', زي: 'z',
};
