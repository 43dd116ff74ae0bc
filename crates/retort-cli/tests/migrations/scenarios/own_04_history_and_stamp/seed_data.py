"""seed data

Revision ID: <rev3>
Revises: <rev2>
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '<rev3>'
down_revision = '<rev2>'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("INSERT INTO post (title, body) VALUES ('Hello', 'first post')")
    op.execute(sa.text("UPDATE post SET body = 'edited' WHERE title = 'Hello'"))


def downgrade():
    op.execute("DELETE FROM post WHERE title = 'Hello'")
