"""create timeline and conflicts views

Revision ID: 0002
Revises: 0001
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0002"
down_revision: Union[str, None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# A number as a person writes it: 311, not 311.0; 0.5, not 5e-01.
NUM = "(CASE WHEN {v} = CAST({v} AS INTEGER) THEN CAST(CAST({v} AS INTEGER) AS TEXT) ELSE CAST({v} AS TEXT) END)"

QUALIFIER = (
    "(CASE s.qualifier WHEN 'approx' THEN '约' WHEN 'at_least' THEN '超过' "
    "WHEN 'at_most' THEN '不到' ELSE '' END)"
)

TIMELINE = f"""
CREATE VIEW timeline AS
SELECT date, date_start, date_end, date_precision, kind, summary, record_type, record_id, sources FROM (
  SELECT m.date, m.date_start, m.date_end, m.date_precision, 'meeting' AS kind,
         m.name || COALESCE('第' || m.session || '次会议', '') || COALESCE('（' || m.location || '）', '') AS summary,
         'meeting' AS record_type, m.id AS record_id, m.sources
    FROM meetings m WHERE m.date_start IS NOT NULL
  UNION ALL
  SELECT a.date, a.date_start, a.date_end, a.date_precision, 'agreement',
         COALESCE((SELECT group_concat(value, '、') FROM json_each(a.parties)) || '签署', '签署')
           || COALESCE('《' || a.title || '》', '协议'),
         'agreement', a.id, a.sources
    FROM agreements a WHERE a.date_start IS NOT NULL
  UNION ALL
  SELECT ms.date, ms.date_start, ms.date_end, ms.date_precision,
         CASE WHEN ms.planned THEN 'milestone_planned' ELSE 'milestone' END,
         p.name || ' ' || ms.event || CASE WHEN ms.planned THEN '（计划）' ELSE '' END,
         'milestone', ms.id, ms.sources
    FROM milestones ms JOIN projects p ON p.id = ms.project_id WHERE ms.date_start IS NOT NULL
  UNION ALL
  SELECT po.date, po.date_start, po.date_end, po.date_precision, 'policy',
         po.action || '《' || po.title || '》',
         'policy', po.id, po.sources
    FROM policies po WHERE po.date_start IS NOT NULL
  UNION ALL
  SELECT s.as_of, s.as_of_start, s.as_of_end, s.as_of_precision,
         CASE WHEN s.is_target THEN 'target' ELSE 'statistic' END,
         s.subject || CASE WHEN s.is_target THEN '（目标）' ELSE '' END || '：' || {QUALIFIER}
           || {NUM.format(v='s.value')} || s.unit,
         'statistic', s.id, s.sources
    FROM statistics s WHERE s.as_of_start IS NOT NULL
)
ORDER BY date_start, date_end, kind, record_id
"""

# A bare two-character subject (企业, 区县) names no indicator: its figures are not compared.
CONFLICTS = f"""
CREATE VIEW conflicts AS
SELECT 'statistic' AS record_type,
       a.id || ',' || b.id AS record_ids,
       a.subject || ' 截至 ' || a.as_of || '：' || {NUM.format(v='a.value')} || a.unit || ' 与 '
         || {NUM.format(v='b.value')} || b.unit || ' 不一致' AS reason
  FROM statistics a JOIN statistics b
    ON a.subject = b.subject AND a.as_of = b.as_of AND a.unit = b.unit AND length(a.subject) >= 4
   AND a.is_target = b.is_target AND a.id < b.id AND a.value <> b.value
   AND a.qualifier = 'exact' AND b.qualifier = 'exact'
UNION ALL
SELECT 'statistic', a.id || ',' || b.id,
       a.subject || '：' || a.as_of || ' 为 ' || {NUM.format(v='a.value')} || a.unit || '，' || b.as_of || ' 降为 '
         || {NUM.format(v='b.value')} || b.unit || '（累计数不应减少）'
  FROM statistics a JOIN statistics b
    ON a.series = b.series AND a.unit = b.unit AND a.is_target = 0 AND b.is_target = 0
   AND a.unit NOT IN ('%', '倍') AND a.as_of_end < b.as_of_start AND a.value > b.value
   AND a.qualifier IN ('exact', 'at_least') AND b.qualifier IN ('exact', 'at_least')
   AND (a.subject = b.subject OR (a.subject LIKE '%累计%' AND b.subject LIKE '%累计%')) AND length(a.subject) >= 4
UNION ALL
SELECT 'milestone', o.id || ',' || s.id,
       p.name || ' ' || o.event || ' ' || o.date || ' 早于 开工 ' || s.date
  FROM milestones o JOIN milestones s ON o.project_id = s.project_id
  JOIN projects p ON p.id = o.project_id
 WHERE o.event IN ('通车', '建成', '竣工', '投运') AND s.event = '开工'
   AND o.planned = 0 AND s.planned = 0 AND o.date_end < s.date_start
"""


def upgrade() -> None:
    op.execute(TIMELINE)
    op.execute(CONFLICTS)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS conflicts")
    op.execute("DROP VIEW IF EXISTS timeline")
