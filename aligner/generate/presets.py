"""What generated instances look like: presets after the seeds' figures, curricula, names.

The distributions are documented in data/README.md; change them there too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    """How many hubs, and how many receiving schools each hub serves."""

    name: str
    receivers_per_hub: tuple[int, ...]
    source: str

    @property
    def schools(self) -> int:
        return len(self.receivers_per_hub) + sum(self.receivers_per_hub)

    @property
    def pairs(self) -> int:
        return sum(self.receivers_per_hub)


PRESETS: dict[str, Preset] = {
    "pair": Preset("pair", (1,), "one pair, as the Lanxi example (seed 001)"),
    "county": Preset("county", (1,) * 4 + (2,) * 4 + (3,) * 2,
                     "28 schools in 18 pairs: Cangnan county's first year (seed 000)"),
    "city": Preset("city", (1,) * 12 + (2,) * 15 + (3,) * 8,
                   "101 schools in 66 pairs, some hubs with 2-3 receiving schools: Quzhou 2019 "
                   "(seed 002), one-to-many as in seed 003"),
    "hubs25": Preset("hubs25", (3,) * 25,
                     "100 schools: 25 hubs, each with three receiving schools (the shape of the "
                     "speed race against FET)"),
    "province": Preset("province", (1,) * 150 + (2,) * 180 + (3,) * 70,
                       "1,120 schools in 720 pairs: the scale of Zhejiang's '1000 schools' "
                       "programme (seed 000)"),
}

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")

# Weekly lessons per subject, as in the examples (26 / 30 periods for grades 1-2 / 3-6 of a
# primary school, 35 for junior grades 7-9 with 7 periods a day).
PRIMARY_LOW = {"语文": 8, "数学": 4, "道德与法治": 2, "科学": 1, "体育": 4, "音乐": 2, "美术": 2,
               "劳动": 1, "综合实践": 2}
PRIMARY_MIDDLE = {"语文": 7, "数学": 4, "英语": 2, "道德与法治": 2, "科学": 2, "体育": 3,
                  "音乐": 2, "美术": 2, "信息科技": 1, "劳动": 1, "综合实践": 2, "地方与校本": 2}
PRIMARY_HIGH = {"语文": 6, "数学": 5, "英语": 3, "道德与法治": 2, "科学": 2, "体育": 3,
                "音乐": 2, "美术": 2, "信息科技": 1, "劳动": 1, "综合实践": 2, "地方与校本": 1}
JUNIOR = {"语文": 5, "数学": 5, "英语": 4, "道德与法治": 2, "历史与社会": 3, "科学": 4, "体育": 3,
          "音乐": 1, "美术": 1, "信息科技": 1, "劳动": 1, "心理健康教育": 1, "综合实践": 2,
          "拓展课程": 2}


def curriculum(grade: int) -> dict[str, int]:
    if grade <= 2:
        return PRIMARY_LOW
    if grade <= 4:
        return PRIMARY_MIDDLE
    if grade <= 6:
        return PRIMARY_HIGH
    return JUNIOR


HOMEROOM = ("语文", "道德与法治", "劳动", "综合实践", "班会")
"""A class teacher (班主任) teaches these to her own class (班会 with office rules only)."""
SYNC_SUBJECTS = ("语文", "数学", "英语", "科学")
DELIVERY_SUBJECTS = ("英语", "音乐", "美术")
"""What rural schools most often cannot staff."""
FAMOUS_SUBJECTS = ("科学", "数学", "语文")

COUNTIES = ("城关", "新城", "江南", "湖东", "西溪", "石门", "桥头", "梅林", "双塘", "龙泉", "安仁",
            "凤山", "白沙", "清水", "黄岩", "芦溪", "大洋", "岭下", "溪口", "塘下")
TOWN_KINDS = ("实验小学", "中心小学", "第一小学", "第二小学", "实验学校")
VILLAGE_KINDS = ("小学", "中心小学", "村小", "完小")
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林郑谢罗梁宋唐许韩冯邓"
            "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "丽华芳娟敏静秀英玲燕霞红梅兰军伟强磊洋勇杰涛明超刚平辉鹏华建国文斌宇浩然晓婷雪琳慧颖佳欣"


# ---- office rules (issue 15; aligner generate --office-rules, the default of the command) ------
# Each rate is drawn per school, class or teacher; data/README.md documents them.

MEETING = "班会"
"""The weekly class meeting (班会): one of the two 综合实践 lessons becomes it, taught by the
class teacher and pinned at the school's slot."""
MEETING_FROM = "综合实践"
MEETING_SLOTS = (("Mon", 1), ("Fri", 0))
"""Monday period 1 (probability MEETING_MONDAY), otherwise Friday's last period (0 = last)."""
MEETING_MONDAY = 0.75

ROOM_NAMES = {"音乐": ("music", "音乐室"), "美术": ("art", "美术室"),
              "科学": ("lab", "科学实验室"), "信息科技": ("computer", "计算机房")}
"""Subject -> (room id stem, room name) of its special room."""
RECEIVING_ROOMS = ("音乐", "美术")
"""A rural (receiving) school has one music room and one art room."""
HUB_ROOMS = ("音乐", "美术", "科学", "信息科技")
"""A town school (hub) has rooms for these, as many of each as keep it busy at most
ROOM_USE of the week."""
ROOM_USE = 0.75

COMBINED_SUBJECTS = ("音乐", "美术", "体育")
COMBINED_GRADES = (1, 2)
COMBINED_SHARE = 0.7
"""Share of small primary schools (one class a grade) teaching grades 1 and 2 together (合班)
in COMBINED_SUBJECTS (each subject whose lessons are all local in both grades)."""

MAX_PER_DAY = ((4, 0.45), (5, 0.40), (None, 0.15))
"""A teacher's max_per_day and its probability (raised to what her week needs)."""
MAX_CONSECUTIVE_SHARE = 0.3
MAX_CONSECUTIVE = ((3, 0.6), (2, 0.4))
PART_TIME_SHARE = 0.06
"""Share of specialists with a light week (at most 12 commitments) who come on max_days days."""
PART_TIME_DAYS = (3, 4)
CO_TEACHING_SHARE = 0.2
"""Share of hubs where one class's 科学 (grades 3+) is taught by two teachers together (t1+t2)."""
CO_TAUGHT = "科学"


def office_curriculum(grade: int) -> dict[str, int]:
    """The weekly plan with office rules: one 综合实践 lesson is the class meeting (班会)."""
    plan = dict(curriculum(grade))
    plan[MEETING_FROM] -= 1
    plan[MEETING] = 1
    return plan
