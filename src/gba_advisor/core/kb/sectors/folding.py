"""How sector text is folded before it is compared: case, separators, traditional Chinese
characters and English plurals, so that `Medical-Devices`, `medical devices` and `醫療器械`'s
simplified form each meet their key."""

from __future__ import annotations

import re

SEPARATORS = re.compile(r"[\s_\-/]+")
STOPWORDS = frozenset({"and", "&", "of", "the", "for", "in", "a", "an", "to", "with", "on", "by"})

# Traditional characters of sector vocabulary, folded to simplified ones so that a Hong Kong
# or Macao user's 醫療器械 finds 医疗器械. One-to-one pairs only (not 乾/幹 -> 干).
TRADITIONAL = str.maketrans(
    "醫療藥製電資訊術務業產機體運輸貿銀險證創設計築國際網絡數據雲軟發會議覽遊戲樂視傳導圓車動儲"
    "環節氣綠財稅師諮詢購賣買貨倉鏈應廠學習藝裝備紡織鋼鐵屬礦飲廣檢測認驗實東場開經濟總區權灣與樓"
    "飛衛顯門風點鑽寶價黃養護幣擬虛碼頭專營銷劃關類顧問賽競賭軌陸處廈態線鏡錶鐘飾箱紙陶瓷燈館鮮"
    "農漁畜牧糧礎築設備療諾擔債貸幣匯兌給賬審記帳諮詞語課學幼訓練轉換億萬園區際橫濱滬廣莞澳門",
    "医疗药制电资讯术务业产机体运输贸银险证创设计筑国际网络数据云软发会议览游戏乐视传导圆车动储"
    "环节气绿财税师咨询购卖买货仓链应厂学习艺装备纺织钢铁属矿饮广检测认验实东场开经济总区权湾与楼"
    "飞卫显门风点钻宝价黄养护币拟虚码头专营销划关类顾问赛竞赌轨陆处厦态线镜表钟饰箱纸陶瓷灯馆鲜"
    "农渔畜牧粮础筑设备疗诺担债贷币汇兑给账审记帐咨词语课学幼训练转换亿万园区际横滨沪广莞澳门",
)


def normalise(text: str) -> str:
    """Case-fold and fold separators so `Medical-Devices` and `medical_devices` are one key."""
    return SEPARATORS.sub(" ", text.translate(TRADITIONAL).casefold()).strip()


def stem(key: str) -> str:
    """A normalised key with English plurals folded: `medical devices` -> `medical device`."""
    return " ".join(_stem_word(word) for word in key.split(" "))


def _stem_word(word: str) -> str:
    if len(word) <= 3 or not word.isascii() or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
