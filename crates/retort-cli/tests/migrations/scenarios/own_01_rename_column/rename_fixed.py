"""rename name to full_name

Revision ID: <rev2>
Revises: <rev1>
Create Date: 2024-01-01 00:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '<rev2>'
down_revision = '<rev1>'
branch_labels = None
depends_on = None


def upgrade():
    # the failed upgrade left its copy behind
    op.execute("DROP TABLE IF EXISTS _alembic_tmp_users")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('name', new_column_name='full_name',
                              existing_type=sa.VARCHAR(length=50),
                              existing_nullable=False)
    print("renamed")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('full_name', new_column_name='name',
                              existing_type=sa.VARCHAR(length=50),
                              existing_nullable=False)
