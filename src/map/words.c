/* The page's own words in the map languages other than English (the
 * English table is style.c's): title, subtitle, legend, inset caption,
 * scale, credits.  Each table has every entry of gz_words but inset_region,
 * which names a place of the data and stays English; printf formats keep
 * the English entry's conversions in the same order.  Dates in the legend
 * follow CLDR's yMMMd pattern of the language ("20 нояб. 2020 г.",
 * "20 նոյ, 2020 թ."), with its month abbreviations ("MMM"), and so do the
 * dates written into the legend's words; tests/map/test_words.c holds them
 * to ICU's.  The terms follow the
 * neutral wording of the English table ("taken", "handed over"), not either
 * side's ("liberated", "occupied"), and the statement's own words in its
 * Russian, Armenian and Azerbaijani texts where it has them; doc/render.md
 * says where each term came from.  A reviewer fluent in the language should
 * check new entries. */
#include "map/style_internal.h"

#include <stddef.h>
#include <string.h>

static const gz_words words_ru = {
    .title = "Карабах после прекращения огня 2020 года",
    .subtitle = "Передача районов по заявлению от 10 ноября 2020 года, российские миротворцы и "
                "варианты маршрутов в Нахичевань, по состоянию на ноябрь 2021 года",
    .subtitle_dated = "Положение на %s: передача районов по заявлению от 10 ноября 2020 года, "
                      "российские миротворцы, варианты маршрутов в Нахичевань",
    /* After "Проекция:", so the adjectives agree with it; the parallels and
     * the meridian go without their names so that the credits fit one line. */
    .crs_label = "равноугольная коническая Ламберта, 39\u00b0 и 41\u00b0 с.\u00a0ш., "
                 "46\u00b0 в.\u00a0д. (WGS84)",
    .credits = "Источники: Natural Earth (общественное достояние); GeoNames, данные gazmap и "
               "линии, нанесённые вручную (CC BY 4.0). Проекция: %s. Границы и линии "
               "приблизительны и не означают признания.",
    .inset_caption = "Местоположение на Кавказе",
    .scale_unit = "%g км",
    .scale_note = "масштаб точен в центре карты",
    .north = "С",
    .inset_region = "Caucasus",
    .months = {"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.",
               "нояб.", "дек."},
    /* Before "г." CLDR puts a narrow no-break space. */
    .date = "%d %s %d\u202fг.",
    .legend_head =
        {
            [GZ_LEGEND_HANDOVER] = "Возвращённые по заявлению от 10 нояб. 2020\u202fг.",
            [GZ_LEGEND_WAR] = "Занятые в ходе войны (27 сент. \u2013 9 нояб. 2020\u202fг.)",
            [GZ_LEGEND_PEACEKEEPING] = "Российские миротворцы",
            [GZ_LEGEND_LINES] = "Линии конфликта",
            [GZ_LEGEND_ROUTES] = "Варианты маршрутов, обсуждаемые с 11 янв. 2021\u202fг.",
            [GZ_LEGEND_BASEMAP] = "Основа карты",
        },
    .handed = "%s: передан %s",
    .pending = "%s: ещё не передан",
    .deadline = "срок %s",
    .deadline_article = "п. %s, срок %s",
    .map_handed = "передан %s",
    .map_deadline = "срок %s",
    /* The area's name is the data's (English: "Shusha", "Hadrut area"), so
     * no participle could agree with it: a phrase without gender. */
    .map_taken = "под контролем с %s",
    .war = {"Перешли под контроль Азербайджана", NULL},
    .pk_zone = {"Район развёртывания вдоль линии соприкосновения", "п. 3, 4; с нояб. 2020\u202fг."},
    .pk_corridor = {"Лачинский коридор (шириной 5 км)", "п. 6"},
    .patrol = {"Линия патрулирования", NULL},
    .site = {"Российско-турецкий совместный мониторинговый центр", "открыт 30 янв. 2021\u202fг."},
    .route_rail = ", железная дорога",
    .route_rail_word = "railway", /* the data's route names are English */
    .route_schematic = "схематичная линия",
    .border = {"Государственная граница", NULL},
    .admin = {"Граница района или области", NULL},
    .river = {"Река", NULL},
    .lake = {"Озеро или водохранилище", NULL},
    /* "АО" (автономная область), so that the row fits one line. */
    .nkao1991 = {"Нагорно-Карабахская АО, граница 1991 года", "1923\u20131991"},
    .loc1994 = {"Линия соприкосновения 1994 \u2013 27 сент. 2020\u202fг.", "схематично"},
    .loc2020 = {"Линия соприкосновения на 10 нояб. 2020\u202fг.",
                "схематично; до сент. 2023\u202fг."},
    .mainroad = {"Основная автодорога (трассы M, E и AH)", NULL},
    .gazakh = {"Село Газахского района, удерживаемое армянской стороной (п. 2)",
               "названо в заявлении (п. 2); дальнейший статус неизвестен"},
    .gazakh_returned = {"Село Газахского района, удерживаемое армянской стороной (п. 2)",
                        "возвращено Азербайджану при делимитации 2024 года"},
    .legend_added = "Добавленные данные",
    .credits_added = " Добавленные данные: %s.",
};

static const gz_words words_tr = {
    .title = "2020 ateşkesi sonrasında Karabağ",
    .subtitle = "10 Kasım 2020 bildirisi uyarınca yapılan devirler, Rus barış gücü ve "
                "Nahçıvan'a güzergâh seçenekleri, Kasım 2021 itibarıyla",
    .subtitle_dated = "%s tarihindeki durum: 10 Kasım 2020 bildirisi uyarınca devirler, Rus "
                      "barış gücü, Nahçıvan'a güzergâh seçenekleri",
    .crs_label = "Lambert konformal konik projeksiyonu, standart paraleller 39\u00b0K ve "
                 "41\u00b0K, orta meridyen 46\u00b0D (WGS84)",
    .credits = "Kaynaklar: Natural Earth (kamu malı); GeoNames (CC BY 4.0); gazmap verileri ve "
               "elle çizilen hatlar (CC BY 4.0). Projeksiyon: %s. Sınırlar ve hatlar yaklaşıktır "
               "ve onay anlamına gelmez.",
    .inset_caption = "Kafkasya'daki konumu",
    .scale_unit = "%g km",
    .scale_note = "ölçek harita merkezinde doğrudur",
    .north = "K",
    .inset_region = "Caucasus",
    .months = {"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"},
    .date = "%d %s %d",
    .legend_head =
        {
            [GZ_LEGEND_HANDOVER] = "10 Kas 2020 bildirisi uyarınca iade edilenler",
            [GZ_LEGEND_WAR] = "Savaşta alınanlar (27 Eyl \u2013 9 Kas 2020)",
            [GZ_LEGEND_PEACEKEEPING] = "Rus barış gücü",
            [GZ_LEGEND_LINES] = "Çatışma hatları",
            [GZ_LEGEND_ROUTES] = "11 Oca 2021'den beri görüşülen güzergâh seçenekleri",
            [GZ_LEGEND_BASEMAP] = "Altlık harita",
        },
    .handed = "%s: %s tarihinde devredildi",
    .pending = "%s: henüz devredilmedi",
    .deadline = "son tarih %s",
    .deadline_article = "md. %s, son tarih %s",
    .map_handed = "devir %s",
    .map_deadline = "son tarih %s",
    .map_taken = "alındı: %s",
    .war = {"Azerbaycan'ın denetimine geçti", NULL},
    .pk_zone = {"Temas hattı boyunca konuşlanma alanı", "md. 3, 4; Kas 2020'den beri"},
    .pk_corridor = {"Laçin koridoru (5 km genişliğinde)", "md. 6"},
    .patrol = {"Devriye hattı", NULL},
    .site = {"Türk-Rus Ortak Gözlem Merkezi", "açılış 30 Oca 2021"},
    .route_rail = ", demiryolu",
    .route_rail_word = "railway", /* the data's route names are English */
    .route_schematic = "şematik hat",
    .border = {"Uluslararası sınır", NULL},
    .admin = {"İlçe veya il sınırı", NULL},
    .river = {"Nehir", NULL},
    .lake = {"Göl veya baraj gölü", NULL},
    .nkao1991 = {"Dağlık Karabağ Özerk Oblastı, 1991 sınırı", "1923\u20131991"},
    .loc1994 = {"Temas hattı 1994 \u2013 27 Eyl 2020", "şematik"},
    .loc2020 = {"10 Kas 2020 temas hattı", "şematik; Eyl 2023'e kadar"},
    .mainroad = {"Ana yol (M, E ve AH yolları)", NULL},
    .gazakh = {"Kazah rayonunda Ermeni tarafının elindeki köy (md. 2)",
               "bildiride adı geçiyor (md. 2); sonraki durumu bilinmiyor"},
    .gazakh_returned = {"Kazah rayonunda Ermeni tarafının elindeki köy (md. 2)",
                        "2024 sınır belirlemesinde Azerbaycan'a iade edildi"},
    .legend_added = "Eklenen veriler",
    .credits_added = " Eklenen veriler: %s.",
};

static const gz_words words_az = {
    .title = "2020-ci il atəşkəsindən sonra Qarabağ",
    .subtitle = "10 noyabr 2020-ci il tarixli bəyanata əsasən rayonların təhvil verilməsi, Rusiya "
                "sülhməramlıları və Naxçıvana marşrut variantları, 2021-ci ilin noyabrına olan "
                "vəziyyət",
    .subtitle_dated = "%s tarixinə vəziyyət: 10 noyabr 2020-ci il tarixli bəyanata əsasən "
                      "rayonların təhvil verilməsi, Rusiya sülhməramlıları, Naxçıvana marşrut "
                      "variantları",
    /* The parallels and the meridian without their names, so that the
     * credits fit one line. */
    .crs_label =
        "Lambertin konform konik proyeksiyası, 39\u00b0 və 41\u00b0 şm. e., 46\u00b0 ş. u. "
        "(WGS84)",
    .credits = "Mənbələr: Natural Earth (ictimai mülkiyyət); GeoNames (CC BY 4.0); gazmap "
               "məlumatları və əl ilə çəkilmiş xətlər (CC BY 4.0). Proyeksiya: %s. Sərhədlər və "
               "xətlər təxminidir və tanınma mənasını vermir.",
    .inset_caption = "Qafqazda yerləşməsi",
    .scale_unit = "%g km",
    .scale_note = "miqyas xəritənin mərkəzində dəqiqdir",
    .north = "Şm",
    .inset_region = "Caucasus",
    .months = {"yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avq", "sen", "okt", "noy", "dek"},
    .date = "%d %s %d",
    .legend_head =
        {
            [GZ_LEGEND_HANDOVER] = "10 noy 2020 bəyanatına əsasən qaytarılanlar",
            [GZ_LEGEND_WAR] = "Müharibədə nəzarətə keçənlər (27 sen \u2013 9 noy 2020)",
            [GZ_LEGEND_PEACEKEEPING] = "Rusiya sülhməramlıları",
            [GZ_LEGEND_LINES] = "Münaqişənin xətləri",
            [GZ_LEGEND_ROUTES] = "11 yan 2021-dən müzakirə olunan marşrut variantları",
            [GZ_LEGEND_BASEMAP] = "Əsas xəritə",
        },
    .handed = "%s: %s tarixində təhvil verilib",
    .pending = "%s: hələ təhvil verilməyib",
    .deadline = "son tarix %s",
    .deadline_article = "b. %s, son tarix %s",
    .map_handed = "təhvil verilib: %s",
    .map_deadline = "son tarix %s",
    .map_taken = "nəzarətə keçib: %s",
    .war = {"Azərbaycanın nəzarətinə keçib", NULL},
    .pk_zone = {"Təmas xətti boyunca yerləşdirmə zonası", "b. 3, 4; noy 2020-dən"},
    .pk_corridor = {"Laçın dəhlizi (5 km enliyində)", "b. 6"},
    .patrol = {"Patrul xətti", NULL},
    .site = {"Türkiyə-Rusiya Birgə Monitorinq Mərkəzi", "açılış: 30 yan 2021"},
    .route_rail = ", dəmir yolu",
    .route_rail_word = "railway", /* the data's route names are English */
    .route_schematic = "sxematik xətt",
    .border = {"Dövlət sərhədi", NULL},
    .admin = {"Rayon və ya vilayət sərhədi", NULL},
    .river = {"Çay", NULL},
    .lake = {"Göl və ya su anbarı", NULL},
    .nkao1991 = {"Dağlıq Qarabağ Muxtar Vilayəti, 1991-ci il sərhədi", "1923\u20131991"},
    .loc1994 = {"Təmas xətti 1994 \u2013 27 sen 2020", "sxematik"},
    .loc2020 = {"10 noy 2020 təmas xətti", "sxematik; sen 2023-ə qədər"},
    .mainroad = {"Əsas yol (M, E və AH yolları)", NULL},
    .gazakh = {"Qazax rayonunda erməni tərəfinin nəzarətində olan kənd (b. 2)",
               "bəyanatda adı çəkilir (b. 2); sonrakı statusu məlum deyil"},
    .gazakh_returned = {"Qazax rayonunda erməni tərəfinin nəzarətində olan kənd (b. 2)",
                        "2024-cü il delimitasiyasında Azərbaycana qaytarılıb"},
    .legend_added = "Əlavə edilmiş məlumatlar",
    .credits_added = " Əlavə edilmiş məlumatlar: %s.",
};

/* Armenian ends sentences with the verjaket (U+0589) and puts the but
 * (U+055D) where English has a colon before a value. */
static const gz_words words_hy = {
    .title = "Ղարաբաղը 2020 թ. հրադադարից հետո",
    .subtitle = "Հանձնումները 2020 թ. նոյեմբերի 10-ի հայտարարության համաձայն, ռուս "
                "խաղաղապահները և դեպի Նախիջևան երթուղիների տարբերակները, 2021 թ. "
                "նոյեմբերի դրությամբ",
    .subtitle_dated = "Իրավիճակը %s դրությամբ\u055d հանձնումները 2020 թ. նոյեմբերի 10-ի "
                      "հայտարարության համաձայն, ռուս խաղաղապահները, դեպի Նախիջևան "
                      "երթուղիների տարբերակները",
    /* After "Պրոյեկցիա՝"; the parallels and the meridian go without their
     * names, and one licence covers GeoNames and gazmap, so that the
     * credits fit one line. */
    .crs_label = "Լամբերտի համանկյուն կոնական, 39\u00b0 և 41\u00b0 հս. լ., 46\u00b0 ավ. ե. "
                 "(WGS84)",
    .credits = "Աղբյուրներ\u055d Natural Earth (հանրային սեփականություն), GeoNames, gazmap-ի "
               "տվյալներ և ձեռքով գծված գծեր (CC BY 4.0)\u0589 Պրոյեկցիա\u055d %s\u0589 "
               "Սահմաններն ու գծերը մոտավոր են և ճանաչում չեն նշանակում\u0589",
    .inset_caption = "Դիրքը Կովկասում",
    .scale_unit = "%g կմ",
    .scale_note = "մասշտաբը ճշգրիտ է քարտեզի կենտրոնում",
    .north = "Հս",
    .inset_region = "Caucasus",
    .months = {"հնվ", "փտվ", "մրտ", "ապր", "մյս", "հնս", "հլս", "օգս", "սեպ", "հոկ", "նոյ", "դեկ"},
    /* The legend's headings over the handovers and the routes keep the
     * case endings Armenian puts on a date ("10 նոյ 2020-ի", "-ից"), which
     * CLDR's pattern has no form for; the other dates are CLDR's. */
    .date = "%d %s, %d թ.",
    .legend_head =
        {
            [GZ_LEGEND_HANDOVER] = "Վերադարձված 10 նոյ 2020-ի հայտարարության համաձայն",
            [GZ_LEGEND_WAR] = "Պատերազմում զբաղեցված (27 սեպ \u2013 09 նոյ, 2020 թ.)",
            [GZ_LEGEND_PEACEKEEPING] = "Ռուս խաղաղապահներ",
            [GZ_LEGEND_LINES] = "Հակամարտության գծեր",
            [GZ_LEGEND_ROUTES] = "11 հնվ 2021-ից քննարկվող երթուղիների տարբերակներ",
            [GZ_LEGEND_BASEMAP] = "Հիմնական քարտեզ",
        },
    .handed = "%s\u055d հանձնվել է %s",
    .pending = "%s\u055d դեռ չի հանձնվել",
    .deadline = "վերջնաժամկետ\u055d %s",
    .deadline_article = "կետ %s, վերջնաժամկետ\u055d %s",
    .map_handed = "հանձնվել է %s",
    .map_deadline = "վերջնաժամկետ\u055d %s",
    .map_taken = "զբաղեցվել է %s",
    .war = {"Անցել է Ադրբեջանի վերահսկողության տակ", NULL},
    .pk_zone = {"Տեղակայման գոտի շփման գծի երկայնքով", "կետ 3, 4, նոյ 2020-ից"},
    .pk_corridor = {"Լաչինի միջանցք (5 կմ լայնությամբ)", "կետ 6"},
    .patrol = {"Պարեկային գիծ", NULL},
    .site = {"Թուրք-ռուսական համատեղ մոնիտորինգային կենտրոն", "բացվել է 30 հնվ, 2021 թ."},
    .route_rail = ", երկաթուղի",
    .route_rail_word = "railway", /* the data's route names are English */
    .route_schematic = "սխեմատիկ գիծ",
    .border = {"Պետական սահման", NULL},
    .admin = {"Շրջանի կամ մարզի սահման", NULL},
    .river = {"Գետ", NULL},
    .lake = {"Լիճ կամ ջրամբար", NULL},
    .nkao1991 = {"Լեռնային Ղարաբաղի ինքնավար մարզ, 1991 թ. սահման", "1923\u20131991"},
    .loc1994 = {"Շփման գիծ 1994 \u2013 27 սեպ, 2020 թ.", "սխեմատիկ"},
    .loc2020 = {"Շփման գիծ\u055d 10 նոյ, 2020 թ.", "սխեմատիկ, մինչև 2023 թ. սեպ"},
    .mainroad = {"Գլխավոր ճանապարհ (M, E և AH ճանապարհներ)", NULL},
    .gazakh = {"Հայկական կողմի վերահսկողության տակ գտնվող Ղազախի գյուղ (կետ 2)",
               "նշված է հայտարարությունում (կետ 2), հետագա կարգավիճակն անհայտ է"},
    .gazakh_returned = {"Հայկական կողմի վերահսկողության տակ գտնվող Ղազախի գյուղ (կետ 2)",
                        "վերադարձվել է Ադրբեջանին 2024 թ. սահմանազատմամբ"},
    .legend_added = "Ավելացված տվյալներ",
    .credits_added = " Ավելացված տվյալներ\u055d %s\u0589",
};

static const struct {
  const char *lang;
  const gz_words *words;
} tables[] = {{"az", &words_az}, {"tr", &words_tr}, {"hy", &words_hy}, {"ru", &words_ru}};

const gz_words *gz_words_for_lang(const char *lang) {
  size_t i;
  for (i = 0; lang && i < sizeof tables / sizeof tables[0]; i++) {
    if (!strcmp(tables[i].lang, lang)) {
      return tables[i].words;
    }
  }
  return NULL;
}
