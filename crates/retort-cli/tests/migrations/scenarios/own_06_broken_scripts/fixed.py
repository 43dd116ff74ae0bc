"""posts

Revision ID: <rev1>
Revises: 
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '<rev1>'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DROP TABLE IF EXISTS post")
    op.execute("DROP INDEX IF EXISTS ix_post_title")
    op.create_table('post',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.add_column('post', sa.Column('views', sa.Integer(), server_default=sa.text('0'), nullable=False))


def downgrade():
    op.drop_table('posts')
