import type { ComplaintTargets } from '../../api/complaints';
import type { ArticleCategory } from '../../api/inquiries';
import { BENEFICIARY_RELATIONS_POLICY } from './beneficiary-relations-policy';

/**
 * The reference library a new desk starts with: the association's policy, word for word, and a few
 * articles on the desk's daily work as the policy asks for it and as Wasl does it. They are written
 * into the database once (see installStarterLibrary) and are the administrator's from then on, to
 * edit or withdraw like any article.
 *
 * The articles are in Arabic, the language the association writes and answers in; an article has
 * one title and one body.
 */

/** Raised when the set changes, so that a later Wasl can tell which set a database received. */
export const STARTER_EDITION = 1;

export interface StarterArticle {
  category: ArticleCategory;
  title: string;
  body: string;
}

/**
 * What the articles state that the administrator may have changed before the library was
 * installed (a desk set up before Wasl shipped it): read from the database at installation.
 */
export interface DeskFacts {
  /** The active request types, in the catalog's order. */
  requestTypes: ReadonlyArray<{ nameAr: string; targetWorkingDays: number; needsAuthority: boolean }>;
  complaintTargets: ComplaintTargets;
}

/**
 * The policy's title, issue and date, as an article's title: سياسة تنظيم العلاقة مع المستفيدين —
 * الإصدار (01) بتاريخ 2026/01/31م.
 */
export const POLICY_ARTICLE_TITLE = `${BENEFICIARY_RELATIONS_POLICY.title} — الإصدار (${BENEFICIARY_RELATIONS_POLICY.issue}) بتاريخ ${BENEFICIARY_RELATIONS_POLICY.issuedOn.replaceAll('-', '/')}م`;

/**
 * The policy's text as an article's body: the document's words and lines as issued, without the
 * blank lines at its start and the runs of blank lines its page breaks left (an article's body is
 * trimmed text, as the form saves it).
 */
export const POLICY_ARTICLE_BODY = BENEFICIARY_RELATIONS_POLICY.text.trim().replace(/\n{3,}/g, '\n\n');

export function starterArticles(facts: DeskFacts): StarterArticle[] {
  return [
    { category: 'bylaws', title: POLICY_ARTICLE_TITLE, body: POLICY_ARTICLE_BODY },
    { category: 'services', title: 'تسجيل المستفيد والتحقق من أحقيته للخدمة', body: REGISTRATION },
    { category: 'answers', title: 'قنوات التواصل المعتمدة ومتى تُستخدم كل قناة', body: CHANNELS },
    { category: 'services', title: 'مراحل الطلب من الاستلام إلى إشعار المستفيد، ومدد الإنجاز', body: requestStages(facts.requestTypes) },
    { category: 'answers', title: 'الشكاوى والملاحظات والمقترحات: كيف تُعالج', body: complaintsAndSuggestions(facts.complaintTargets) },
  ];
}

/** A count of working days as Arabic counts it: يوم عمل واحد، يوما عمل، 3 أيام عمل، 15 يوم عمل. */
export function workingDaysInArabic(days: number): string {
  if (days === 1) return 'يوم عمل واحد';
  if (days === 2) return 'يوما عمل';
  const hundreds = days % 100;
  return hundreds >= 3 && hundreds <= 10 ? `${days} أيام عمل` : `${days} يوم عمل`;
}

const REGISTRATION = `قبل التسجيل ابحث عن الشخص (Ctrl+K) باسمه بأي طريقة كُتب بها، أو برقم هويته أو إقامته، أو بجواله؛ فقد يكون مسجلاً من قبل. لا يُسجَّل الشخص مرتين: رقم الهوية المسجل لا يُقبل لملف ثانٍ، وإذا وُجد مستفيد بالاسم نفسه وبالجوال أو تاريخ الميلاد نفسه سُئلت قبل إكمال التسجيل.

خطوات التسجيل (Alt+N):
1. الهوية والاسم: الاسم الرباعي بالعربية (الأول، والأب، والجد، والعائلة)، والاسم بالإنجليزية لمن يُعرف به، ونوع الهوية (هوية وطنية أو إقامة أو جواز سفر) ورقمها، والجنسية، وحالة الإقامة.
2. التواصل والسكن: الجوال (حتى خمسة أرقام)، والحي أو المدينة، والعنوان.
3. الفئة والارتباط بالسجين: سجين، أو مفرج عنه، أو من أسرة سجين؛ وصلة القرابة بالسجين (مطلوبة لأفراد الأسرة)، واسم السجين وجهة إيداعه وحالته.
4. أفراد الأسرة، إن وُجدوا.
5. تقييم الاحتياج وأولويته: تقدير احتياجات المستفيدين أول الأهداف التفصيلية في السياسة.
6. موافقة المستفيد على معالجة بياناته، بتاريخها وطريقتها (كتابية أو شفهية أو إلكترونية). بيانات المستفيد بيانات شخصية حساسة وفق نظام حماية البيانات الشخصية، ولا يُحفظ الملف دون هذه الموافقة.
يُحفظ التسجيل بـ Ctrl+Enter، ويُعطى المستفيد رقم ملف.

الأحقية في الخدمة
تشترط السياسة (آلية استحقاق المستفيدين للخدمة) ثلاثة معايير:
1. أن يكون ضمن نطاق خدمات الجمعية.
2. أن يكون مقيماً إقامة نظامية بالمملكة العربية السعودية.
3. أن يكون من المستفيدين من خدمات أو برامج أو أنشطة الجمعية.
يُسجَّل قرار الأحقية من ملف المستفيد (D): يُحدَّد كل معيار على حدة، ولا يكون المستفيد «مستحقاً» إلا إذا تحققت المعايير الثلاثة، ويُكتب السبب دائماً في قرار «غير مستحق». يبقى كل قرار في سجل الملف بمن اتخذه ومتى ولماذا، ويبقى الملف «بانتظار القرار» حتى يُسجَّل أول قرار.`;

const CHANNELS = `تعتمد سياسة تنظيم العلاقة مع المستفيدين خمس قنوات للتواصل مع المستفيدين، ولا يُتواصل معهم بغيرها. يُسجَّل كل تواصل في ملف الشخص (C في ملفه، أو Ctrl+Enter على سطره في نتائج البحث) بقناته واتجاهه (وارد أو صادر) وغرضه وملخصه.

1. المقابلة الشخصية: لمن يحضر إلى مكتب الجمعية. هي الأنسب للتسجيل أول مرة، والاطلاع على أصول الوثائق، وأخذ الموافقة الكتابية على معالجة البيانات، وللمقابلة التي تشترطها بعض البرامج قبل القبول فيها.
2. الاتصالات الهاتفية: للاستفسارات السريعة، والمتابعة، وإشعار المستفيد بنتيجة طلبه. يُسجَّل الرقم الذي اتُّصل منه أو به. تحقق من هوية المتصل قبل الحديث عن تفاصيل ملفه.
3. وسائل التواصل الاجتماعي: للاستفسارات العامة عن البرامج والمناشط. تُسجَّل المنصة وحساب الشخص عليها. لا تُطلب فيها بيانات شخصية (كرقم الهوية) ولا تُناقش تفاصيل ملف؛ يُدعى صاحبها إلى الاتصال أو الحضور.
4. الخطابات الرسمية: للمراسلات مع الجهات المختصة، وللطلبات والقرارات التي تحتاج وثيقة مكتوبة. يُسجَّل كل خطاب وارد أو صادر في سجل الصادر والوارد برقمه وتاريخه وجهته وصورته، ويُربط التواصل بخطابه.
5. الموقع الإلكتروني للجمعية: للرسائل والطلبات الواردة عبر الموقع. يُسجَّل رقم الرسالة في الموقع ليُرجع إليها.

يُرد على المستفيد بالقناة التي تواصل بها، أو بقناة معتمدة أخرى أنسب لحاله.`;

function requestStages(types: DeskFacts['requestTypes']): string {
  const targets = types
    .map((type) => `- ${type.nameAr}: ${workingDaysInArabic(type.targetWorkingDays)}${type.needsAuthority ? ' (يُرفع عادة إلى جهة مختصة)' : ''}.`)
    .join('\n');
  return `تستقبل الجمعية طلبات المستفيدين المتعلقة بالبرامج والخدمات، وتتابعها وتنجزها ضمن المسارات المعتمدة. يمر الطلب بالمراحل الآتية:
1. الاستلام: يُفتح الطلب من ملف المستفيد (R) بنوعه وملخصه، ويُحسب تاريخ استحقاقه من المدة المستهدفة لنوعه.
2. الدراسة: يبدأ الموظف دراسة الطلب.
3. الإحالة إلى جهة مختصة: الطلب الذي يتطلب تصريحاً أو موافقة رسمية يُرفع إلى الجهة المختصة بخطاب مرقّم، ثم يُسجَّل رد الجهة بخطابها وصورته.
4. القرار: موافقة أو رفض، يصدره المشرف وحده، ويُذكر سببه دائماً.
5. إشعار المستفيد: يُبلَّغ المستفيد بنتيجة طلبه (قبولاً أو رفضاً) متى صدرت، عبر إحدى القنوات المعتمدة، ويُسجَّل الإشعار تواصلاً في ملفه؛ وإذا كان بخطاب طُبع خطاب الإشعار.
6. الإغلاق: لا يُغلق الطلب إلا بعد إشعار المستفيد بالنتيجة.
ويمكن سحب الطلب في أي مرحلة مفتوحة، مع ذكر السبب.

مدد الإنجاز المستهدفة
تُحسب بأيام العمل (من الأحد إلى الخميس، عدا الإجازات التي يُدخلها مدير النظام) من يوم استلام الطلب إلى تاريخ استحقاقه. الطلب الذي يبلغ تاريخ استحقاقه قبل إشعار المستفيد يظهر متأخراً في قوائم العمل.
${targets}
هذه المدد كما كانت عند إعداد المكتبة، ويعدّلها مدير النظام في القوائم المرجعية؛ وتاريخ استحقاق كل طلب ظاهر في صفحته.`;
}

function complaintsAndSuggestions(targets: ComplaintTargets): string {
  return `تعتني الجمعية بملاحظات المستفيدين وشكاواهم وتبذل الجهود لمعالجتها وفق الأنظمة والضوابط المعتمدة، وتطوّر خدماتها بناءً على آرائهم ومقترحاتهم.

الاستلام: تُسجَّل الشكوى أو الملاحظة أو المقترح من ملف المستفيد (K) أو من صفحة الشكاوى والاقتراحات، بموضوعها (خدمة، أو برنامج أو نشاط، أو موظف، أو غير ذلك). من لم يُسجَّل في الجمعية بعد تُسجَّل شكواه باسمه.

المراحل: الاستلام، ثم الإقرار بالاستلام، ثم الدراسة، ثم المعالجة، ثم الرد على صاحبها، ثم الإغلاق. الرد على صاحبها تواصل يُسجَّل بإحدى القنوات المعتمدة.

الشكوى في موظف لا تظهر للموظف المقصود: لا في القوائم، ولا في التقارير، ولا في سجل التواصل.

المقترحات تنتهي بقرار يُحفظ في سجل المقترحات: معتمد (مع التحسين الذي أُجري)، أو مرفوض، أو قيد الدراسة. يعالج الموظف المقترح بوصفه «قيد الدراسة»، واعتماده أو رفضه قرار المشرف.

المدد المستهدفة للرد على صاحبها، بأيام العمل من الاستلام:
- الشكوى: ${workingDaysInArabic(targets.complaint)}.
- الملاحظة: ${workingDaysInArabic(targets.note)}.
- المقترح: ${workingDaysInArabic(targets.suggestion)}.
يعدّلها مدير النظام؛ وما استُلم يبقى على المدة التي أُعطيها.`;
}
