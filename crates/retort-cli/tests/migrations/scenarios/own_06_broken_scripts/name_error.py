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
    op.create_table('post',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_post_title'), 'post', ['title'], unique=False)
    with op.batch_alter_table('post') as batch_op:
        batch_op.drop_column('subtitle')


def downgrade():
    op.drop_table('post')
