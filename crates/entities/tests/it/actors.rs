//! Actor rules on sentences written for the tests (not from the seeds).

use rasad_entities::{Lexicon, MentionKind};
use rasad_text::Analysis;
use std::sync::OnceLock;

fn lx() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(Lexicon::bundled)
}

fn codes(text: &str) -> Vec<String> {
    let a = Analysis::new(text, vec![]);
    lx().actors(&a).into_iter().map(|x| x.id).collect()
}

#[test]
fn codes_table() {
    let table: &[(&str, &[&str])] = &[
        // names from every side
        ("قصفت قوات النظام بلدة كفرنبل.", &["SYR_GOV"]),
        (
            "صد الجيش العربي السوري هجوماً للمجموعات المسلحة.",
            &["SYR_GOV", "OPPOSITION"],
        ),
        ("سيطرت وحدات حماية الشعب على القرية.", &["SDF"]),
        ("شن الطيران الروسي غارات على ريف إدلب.", &["RUSSIA"]),
        ("الغارات الروسية استهدفت سوقاً شعبياً.", &["RUSSIA"]),
        (
            "قتل مدنيان في غارات جوية روسية على بلدة كفرنبل.",
            &["CIVILIANS", "RUSSIA"],
        ),
        (
            "أصيب جنديان بقصف صاروخي تركي على قرية في ريف منبج.",
            &["TURKEY"],
        ),
        (
            "حلقت طائرات استطلاع إسرائيلية فوق مدينة القنيطرة.",
            &["ISRAEL"],
        ),
        ("قصف مدفعي تركي على تل رفعت.", &["TURKEY"]),
        ("دخلت فصائل الجيش الوطني السوري مدينة عفرين.", &["SNA"]),
        (
            "اقتحمت هيئة تحرير الشام مقرات حركة نور الدين الزنكي.",
            &["HTS", "OPPOSITION"],
        ),
        (
            "تقدمت قطعات الجيش العراقي والحشد الشعبي في تلعفر.",
            &["IRAQ_GOV", "PMF"],
        ),
        ("انسحبت قوات البيشمركة من كركوك.", &["KRG"]),
        (
            "قصف الطيران الإسرائيلي مواقع لحزب الله قرب دمشق.",
            &["ISRAEL", "HEZBOLLAH"],
        ),
        ("قتل عنصران من لواء فاطميون.", &["IRAN"]),
        (
            "استهدفت طائرة مسيرة مجهولة سيارة قرب البوكمال.",
            &["UNKNOWN"],
        ),
        ("اغتال مسلحون مجهولون قيادياً في درعا.", &["UNKNOWN"]),
        // ISIS and the anaphor التنظيم
        (
            "هاجم تنظيم الدولة مواقع للنظام السوري، وقتل التنظيم عشرة.",
            &["ISIS", "SYR_GOV"],
        ),
        ("أعلن التنظيم مسؤوليته عن الهجوم.", &[]),
        (
            "ناقش المؤتمر التنظيم الإداري للبلديات بعد هزيمة داعش.",
            &["ISIS"],
        ),
        ("تبنى تنظيم القاعدة الهجوم.", &["AL_QAEDA"]),
        // the coalition
        (
            "قصفت طائرات التحالف مواقع داعش في هجين.",
            &["US_COALITION", "ISIS"],
        ),
        (
            "قصفت طائرات التحالف مواقع الحوثيين في صنعاء.",
            &["SAUDI_COALITION", "HOUTHIS"],
        ),
        ("أعلن التحالف عن اتفاق جديد.", &[]),
        // bare army words
        ("قال الجيش إنه صد هجوماً.", &[]),
        (
            "تقدم الجيش السوري في حماة، وقال الجيش إنه سيطر على قرى.",
            &["SYR_GOV"],
        ),
        (
            "أعلن الجيش العراقي تحرير القائم، وأضاف الجيش أن العملية مستمرة.",
            &["IRAQ_GOV"],
        ),
        ("انتشر الجيش اللبناني على الحدود مع سوريا.", &["LBN_GOV"]),
        (
            "قالت القوات الأمنية إنها قتلت خمسة من داعش في الأنبار غرب العراق.",
            &["IRAQ_GOV", "ISIS"],
        ),
        (
            "استعاد الجيش السيطرة على أحياء في حلب ودير الزور.",
            &["SYR_GOV"],
        ),
        // a plural nationality after a force noun names its army
        ("أصيب خمسة جنود عراقيين بانفجار عبوة.", &["IRAQ_GOV"]),
        ("أصيب خمسة جنود سوريين بانفجار لغم.", &["SYR_GOV"]),
        // a construct army term is definite by its last word
        (
            "وقتل ستة من قوات الأمن عند نقطة تفتيش في الأنبار غرب العراق.",
            &["IRAQ_GOV"],
        ),
        // النظام
        ("قصف النظام بلدات ريف إدلب في سوريا.", &["SYR_GOV"]),
        ("صوت البرلمان على النظام الداخلي الجديد في سوريا.", &[]),
        ("قالت المعارضة إن النظام العالمي تغير.", &[]),
        // countries
        ("شنت إسرائيل غارات على مطار التيفور.", &["ISRAEL"]),
        ("زار وفد من إسرائيل العاصمة.", &[]),
        (
            "وصل مقاتلون برفقة عائلاتهم من الرقة مطلع الأسبوع إلى تركيا.",
            &[],
        ),
        // civilians only as victims
        ("قتل ثلاثة مدنيين بقصف على معرة النعمان.", &["CIVILIANS"]),
        ("ذكر لنا عدد من المدنيين أنهم رأوا الرتل يمر.", &[]),
        (
            "ارتكبت الطائرات مجزرة بحق المدنيين في السوق.",
            &["CIVILIANS"],
        ),
        ("قال مدنيون إن القصف استمر طوال الليل.", &[]),
        ("تطوع عناصر الدفاع المدني في حملة تنظيف بعد القصف.", &[]),
        ("نقلت الشاحنات مدنيين إلى مخيم الهول.", &[]),
        // Kurdish forces by country
        (
            "تقدمت القوات الكردية بدعم من قوات سوريا الديمقراطية في الحسكة.",
            &["SDF"],
        ),
        (
            "انتشرت القوات الكردية والبيشمركة في أربيل وإقليم كردستان العراق.",
            &["KRG"],
        ),
    ];
    for (text, want) in table {
        let mut got = codes(text);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn terms_in_order_of_first_use() {
    let a = Analysis::new(
        "قصفت قوات النظام البلدة في ريف حماة، وردت الفصائل على مواقع النظام، ثم عادت قوّات النظام.",
        vec![],
    );
    let actors = lx().actors(&a);
    let syr = actors.iter().find(|x| x.id == "SYR_GOV").expect("SYR_GOV");
    assert_eq!(syr.terms, vec!["قوات النظام", "مواقع النظام"]);
    assert_eq!(syr.spans.len(), 3);
    assert_eq!(syr.name, "Syrian government forces");
}

#[test]
fn mentions_carry_kind_and_span() {
    let text = "هاجم «داعش» مواقع قسد، ثم انسحب مقاتلو التنظيم.";
    let a = Analysis::new(text, vec![]);
    let ms = lx().actor_mentions(&a);
    let got: Vec<(&str, &str, MentionKind)> = ms
        .iter()
        .map(|m| (m.code.as_str(), m.term.as_str(), m.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            ("ISIS", "داعش", MentionKind::Explicit),
            ("SDF", "قسد", MentionKind::Explicit),
            ("ISIS", "التنظيم", MentionKind::Anaphoric)
        ]
    );
    for m in &ms {
        assert_eq!(a.slice(m.span).replace(['«', '»'], ""), m.term);
    }
}

#[test]
fn proclitics_and_quotes() {
    assert_eq!(
        codes("وللتنظيم خلايا، بحسب ما قاله عن داعش"),
        vec!["ISIS", "ISIS"].into_iter().take(1).collect::<Vec<_>>()
    );
    assert_eq!(codes("سلم نفسه لقوات \"سوريا الديموقراطية\""), vec!["SDF"]);
    assert_eq!(codes("والقوات الأميريكية"), vec!["US_COALITION"]);
}

#[test]
fn only_body_counts() {
    let text = "داعش في العنوان\n\nقصفت قوات النظام القرية.";
    let a = Analysis::new(
        text,
        vec![rasad_record::Span::new(17, text.chars().count())],
    );
    let got: Vec<String> = lx().actors(&a).into_iter().map(|x| x.id).collect();
    assert_eq!(got, vec!["SYR_GOV"]);
}

/// The wars of Yemen, Libya, Palestine and Sudan: their forces have codes of
/// their own (HOUTHIS, YEMEN_GOV, SAUDI_COALITION, LNA, LBY_GOV, HAMAS) or
/// none (Sudan's RSF), and bare Syrian names (الجيش الوطني) follow the theatre.
#[test]
fn other_wars_table() {
    let table: &[(&str, &[&str])] = &[
        ("تقدمت فصائل الجيش الوطني نحو منبج في ريف حلب.", &["SNA"]),
        (
            "قال مصدر في الجيش الوطني إن القذائف انطلقت من مواقع الحوثيين في تعز.",
            &["YEMEN_GOV", "HOUTHIS"],
        ),
        (
            "استعادت قوات الجيش الوطني الليبي مواقع جنوب طرابلس من قوات حكومة الوفاق.",
            &["LNA", "LBY_GOV"],
        ),
        (
            "تقدمت قوات حفتر نحو سرت بعد معارك مع قوات الوفاق.",
            &["LNA", "LBY_GOV"],
        ),
        (
            "سيطر الجيش الوطني على تلال شرق بنغازي بعد معارك في درنة.",
            &["LNA"],
        ),
        (
            "اشتبك الجيش السوداني مع قوات الدعم السريع في الخرطوم.",
            &["SDN_GOV"],
        ),
        ("هاجمت قوات الدعم السريع قرى في دارفور.", &[]),
        ("أطلقت الفصائل الفلسطينية صواريخ على مستوطنات غلاف غزة.", &[]),
        (
            "أغار طيران التحالف العربي على مواقع الحوثيين في صعدة.",
            &["SAUDI_COALITION", "HOUTHIS"],
        ),
        // The PKK by name, in Iraq, Turkey or Syria.
        (
            "قصفت طائرات تركية مواقع حزب العمال الكوردستاني في جبل قنديل بإقليم كوردستان.",
            &["TURKEY", "PKK"],
        ),
        (
            "قصفت تركيا مواقع حزب العمال الكردستاني في سنجار بنينوى.",
            &["TURKEY", "PKK"],
        ),
        (
            "اتهمت أنقرة حزب العمال الكردستاني بتفجير في منبج بريف حلب.",
            &["PKK"],
        ),
        // Iran-backed factions and dual victims.
        (
            "اتهمت أوساط كردية فصائل مسلحة موالية لإيران بالهجوم.",
            &["IRAN"],
        ),
        ("قتل طفلان بقصف على الحي.", &["CIVILIANS"]),
    ];
    for (text, want) in table {
        assert_eq!(codes(text), *want, "{text}");
    }
}

/// Each press's names for the sides of Yemen's war, and the words that are
/// resolved by the theatre: bare التحالف and قوات التحالف are the Saudi-led
/// coalition in an article about Yemen, the US-led one in Syria and Iraq; the
/// army and الانقلابيين are Yemen's only there.
#[test]
fn yemen_table() {
    let table: &[(&str, &[&str])] = &[
        (
            "استهدفت ميليشيات الحوثي الإيرانية أحياء سكنية في مأرب بصاروخ.",
            &["HOUTHIS"],
        ),
        (
            "أعلن التحالف تدمير زورق مفخخ أطلقه الحوثيون قبالة الحديدة.",
            &["SAUDI_COALITION", "HOUTHIS"],
        ),
        (
            "شنت طائرات التحالف غارات على معسكر في صنعاء، وقال التحالف إن الأهداف عسكرية.",
            &["SAUDI_COALITION"],
        ),
        (
            "تقدمت المقاومة الشعبية والجيش نحو مدينة الضالع بعد طرد الانقلابيين منها.",
            &["YEMEN_GOV", "HOUTHIS"],
        ),
        (
            "قالت أنصار الله إن طيران العدوان شن عشر غارات على صعدة.",
            &["HOUTHIS", "SAUDI_COALITION"],
        ),
        // Outside Yemen the coalition is the US-led one and a coup is no Houthi.
        (
            "قصفت طائرات التحالف مواقع داعش في البوكمال بريف دير الزور.",
            &["US_COALITION", "ISIS"],
        ),
        (
            "حاكمت أنقرة الانقلابيين بعد المحاولة الفاشلة في إسطنبول.",
            &[],
        ),
        ("رفعت المقاومة الشعبية شعارات في شوارع القاهرة.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(codes(text), *want, "{text}");
    }
}

/// Bare النصرة is the Nusra Front only with the article: نصرة is "support".
#[test]
fn nusra_only_with_the_article() {
    let table: &[(&str, &[&str])] = &[
        ("تبنت النصرة الهجوم على الحاجز في ريف إدلب.", &["HTS"]),
        ("خرج المصلون في مسيرة نصرة للأقصى بعد صلاة الجمعة.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(codes(text), *want, "{text}");
    }
}

/// The Sanaa forces' own name for themselves is the Houthis' in an article
/// about the war with Israel; in one about Yemen alone it names no one.
#[test]
fn sanaa_forces_table() {
    let table: &[(&str, &[&str])] = &[
        (
            "قالت القوات المسلحة اليمنية إنها ضربت ناقلة تجارية نصرة لغزة قرب باب المندب.",
            &["HOUTHIS"],
        ),
        (
            "قال المتحدث إن القوة الصاروخية اليمنية أطلقت صاروخا على إيلات دعما لغزة.",
            &["HOUTHIS"],
        ),
        ("أعاد الوزير هيكلة القوات المسلحة اليمنية في عدن.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(codes(text), *want, "{text}");
    }
}

/// Hamas never with the article (الحماس is enthusiasm) and only in an article
/// about Israel and Palestine; al-Qaeda by name, and bare القاعدة only when
/// it cannot be a base.
#[test]
fn hamas_and_qaeda_table() {
    let table: &[(&str, &[&str])] = &[
        (
            "قصف جيش الاحتلال مواقع لحماس في غزة بعد إطلاق صواريخ.",
            &["ISRAEL", "HAMAS"],
        ),
        ("استقبل الجمهور الفريق بحماس كبير في الملعب.", &[]),
        ("ساد الحماس بين لاعبي المنتخب قبل مباراة غزة.", &[]),
        ("أعلنت كتائب القسام قصف مستوطنة بعشرة صواريخ.", &["HAMAS"]),
        (
            "قتل مسلحو تنظيم القاعدة في جزيرة العرب جنديين في أبين.",
            &["AL_QAEDA"],
        ),
        (
            "ينتشر مقاتلون من \"داعش\" و\"القاعدة\" في صحراء الجنوب.",
            &["ISIS", "AL_QAEDA"],
        ),
        (
            "قصف الحوثيون قاعدة العند الجوية، وقالت مصادر إن القاعدة تعرضت لأضرار.",
            &["HOUTHIS"],
        ),
        ("تغيرت القاعدة القانونية للعقود هذا العام.", &[]),
    ];
    for (text, want) in table {
        assert_eq!(codes(text), *want, "{text}");
    }
}

/// `الاحتلال` qualified by a nation is that nation; the enemy of the Lebanese
/// and resistance-axis press is Israel only when the article names Israel; the
/// Islamic Resistance is Hezbollah in an article about Lebanon.
#[test]
fn occupation_enemy_and_resistance_table() {
    let table: &[(&str, &[&str])] = &[
        ("قصف طيران الاحتلال الروسي قرية في ريف إدلب.", &["RUSSIA"]),
        ("استهدفت مدفعية الاحتلال التركي قرى ريف تل تمر.", &["TURKEY"]),
        (
            "قصفت قوات الاحتلال الأمريكي مواقع قرب البوكمال.",
            &["US_COALITION"],
        ),
        (
            "أغارت طائرات الاحتلال الأميركي على مواقع قرب القائم.",
            &["US_COALITION"],
        ),
        ("قصفت مسيرة الاحتلال التركي سيارة في القامشلي.", &["TURKEY"]),
        ("قصف طيران الاحتلال منزلاً في غزة.", &["ISRAEL"]),
        (
            "أغار الطيران الحربي للعدو الإسرائيلي على بلدة عيتا الشعب.",
            &["ISRAEL"],
        ),
        (
            "استهدفت مسيّرة معادية سيارة على طريق بلدة الناقورة بعد غارات إسرائيلية.",
            &["ISRAEL"],
        ),
        (
            "قصفت مدفعية جيش العدو أطراف بلدة كفركلا جنوب لبنان.",
            &["ISRAEL"],
        ),
        ("قصف العدو أطراف البلدة بعد تهديدات إسرائيل.", &["ISRAEL"]),
        // without an Israel cue the enemy is nobody in particular
        ("قال القائد إن العدو انسحب من التلة.", &[]),
        ("رصدت طائرة معادية فوق الحدود.", &[]),
        // the Islamic Resistance: Hezbollah in Lebanon, the PMF in Iraq
        (
            "أعلنت المقاومة الإسلامية استهداف موقع المالكية بعد قصف على جنوب لبنان.",
            &["HEZBOLLAH"],
        ),
        (
            "قالت المقاومة الإسلامية في لبنان إنها استهدفت ثكنة زرعيت.",
            &["HEZBOLLAH"],
        ),
        ("أعلنت المقاومة الإسلامية أنها نفذت عملية.", &[]),
    ];
    for (text, want) in table {
        let mut got = codes(text);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}

/// A country named as a party: a force's patron, blamed, denying an attack,
/// joined by a conjunction to an actor; not a place, a seat, a country
/// supported by others, nor a call to responsibility. Heads of state count in
/// an article about their country; the authorities of a state are its forces.
#[test]
fn countries_as_parties_table() {
    let table: &[(&str, &[&str])] = &[
        // patron
        ("تقاتل الجماعات المدعومة من إيران قرب البوكمال.", &["IRAN"]),
        ("هاجمت الميليشيا التابعة لإيران قافلة في صعدة.", &["IRAN"]),
        (
            "هزم المرشح خصومه الذين تدعمهم إيران في الانتخابات.",
            &["IRAN"],
        ),
        (
            "تقدمت قوات الحكومة بدعم روسيا نحو أطراف المدينة.",
            &["RUSSIA"],
        ),
        ("قالت الصحيفة إن إيران تدعم الجماعة بالمال.", &["IRAN"]),
        // a country supported, a country as a place: no actor
        ("قد يصل المتطوعون إلى موسكو بدعم من الغرب.", &[]),
        ("زار الوزير إيران وبحث التبادل التجاري.", &[]),
        ("تعهد المسؤولون بتعزيز دعم واشنطن في المنطقة.", &[]),
        // blame, denial
        (
            "قالت الوزارة إن الهجوم يقع على مسؤولية روسيا وحدها.",
            &["RUSSIA"],
        ),
        (
            "دعا البيان الولايات المتحدة إلى أن تتحمل مسؤولياتها تجاه اللاجئين.",
            &[],
        ),
        (
            "ونفت فرنسا أن تكون طائراتها هي التي شنت الغارة على المطار.",
            &["FRA_GOV"],
        ),
        // joined to an actor
        (
            "ذكر الناشطون أن قوات روسيا وإيران و حزب الله تنتشر في القاعدة.",
            &["RUSSIA", "IRAN", "HEZBOLLAH"],
        ),
        (
            "نفذت الضربة قوات التحالف الدولي أو بريطانيا حسب المرصد.",
            &["US_COALITION", "GBR_GOV"],
        ),
        ("بحث الوزراء العلاقات بين فرنسا وإيران في باريس.", &[]),
        // heads of state at home, authorities
        (
            "قال الرئيس المصري إن الجيش يلاحق المسلحين في شمال سيناء.",
            &["EGY_GOV"],
        ),
        (
            "التقى الرئيس المصري نظيره في برلين لبحث التجارة مع ألمانيا.",
            &[],
        ),
        (
            "قضت محكمة في القاهرة بسجن الرئيس المصري المعزول عشرين عاماً في مصر.",
            &[],
        ),
        ("اعتقلت السلطات السورية ثلاثة شبان في حماة.", &["SYR_GOV"]),
    ];
    for (text, want) in table {
        let mut got = codes(text);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}
