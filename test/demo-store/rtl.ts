/**
 * Merchant text in right-to-left scripts and mixed with Latin (Arabic, Hebrew, Persian): names with
 * numbers and brackets at their ends, SKU-like names, categories, descriptions with lists, an order,
 * a coupon and a page. Served only with `rtlProducts: true`, so the default catalogue's counts stay.
 */
import type { CouponRecord, OrderRecord, PageRecord, ProductRecord } from './catalogue.ts';

interface RtlSpec {
  name: string;
  category: string;
  description: string;
  descriptionShort: string;
  costRaw: number;
}

const SPECS: readonly RtlSpec[] = [
  {
    name: '(3) كوب',
    category: 'أدوات المطبخ',
    description: '<p>كوب من الخزف، صنع يدويًا.</p><ul><li>سعة 350 مل</li><li>آمن في غسالة الصحون</li></ul>',
    descriptionShort: 'كوب خزفي (3 قطع).',
    costRaw: 24.5,
  },
  {
    name: 'כוס קפה גדולה',
    category: 'כלי מטבח',
    description: '<p>כוס קרמיקה לקפה של הבוקר.</p><ol><li>נפח 400 מ"ל</li><li>מתאים למדיח</li></ol>',
    descriptionShort: 'כוס קרמיקה, 400 מ"ל.',
    costRaw: 18,
  },
  {
    name: 'Mug – كوب',
    category: 'أدوات المطبخ',
    description: '<p>Mug – كوب: ceramic, 350 ml.</p>',
    descriptionShort: 'Mug – كوب, ceramic.',
    costRaw: 15.9,
  },
  {
    name: 'AB-12 قهوة',
    category: 'قهوة',
    description: '<p>قهوة عربية محمصة، 250 غرام.</p>',
    descriptionShort: 'قهوة عربية (AB-12).',
    costRaw: 12.75,
  },
  {
    name: 'فنجان چای سنتی ایرانی با نعلبکی طلایی و دسته‌ی ظریف، بسته‌ی شش‌تایی برای مهمانی‌های خانوادگی',
    category: 'ظروف',
    description: '<p>فنجان چای با نعلبکی.</p><ul><li>شش عدد</li><li>لبه‌ی طلایی</li></ul>',
    descriptionShort: 'شش فنجان با نعلبکی.',
    costRaw: 42,
  },
];

/** The RTL products, created one minute apart from `newestMs` on (newest-first puts them on top). */
export function rtlProducts(newestMs: number): ProductRecord[] {
  return SPECS.map((spec, index) => {
    const id = `r${index + 1}`;
    const at = new Date(newestMs + (SPECS.length - index) * 60_000).toISOString();
    return {
      id,
      name: spec.name,
      description: spec.description,
      descriptionShort: spec.descriptionShort,
      costRaw: spec.costRaw,
      compareAtCostRaw: null,
      images: [{ path: `/images/${id}.svg`, alt: spec.name, width: 800, height: 800 }],
      categories: [spec.category],
      tags: index === 0 ? ['rtl', 'هدية 2'] : ['rtl'],
      permalink: `/products/${id}`,
      published: true,
      inventory: 12,
      created: at,
      updated: at,
    };
  });
}

/** An order whose number and customer e-mail are partly right-to-left. */
export function rtlOrder(at: number): OrderRecord {
  return { id: 'ord_rtl', number: 'طلب-7', createdAt: new Date(at).toISOString(), totalRaw: 49, status: 'paid', customerEmail: 'מיכל@דוגמה.ישראל' };
}

export function rtlCoupon(): CouponRecord {
  return { code: 'خصم10', percentOff: 10, expiresAt: '2030-01-01T00:00:00.000Z' };
}

export function rtlPage(): PageRecord {
  return { slug: 'about-ar', title: 'من نحن', bodyHtml: '<p>متجر صغير للأكواب والقهوة.</p><ul><li>شحن مجاني</li><li>إرجاع خلال 30 يومًا</li></ul>' };
}
