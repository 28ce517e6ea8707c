import { SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SuggestionList } from '../../../../domain/schemas/pairings';
import { useMatchSuggestions, usePairing } from './pairingQueries';
import ProjectFormModal from './ProjectFormModal';

type Suggestion = SuggestionList['items'][number];
type Side = Suggestion['need'];

/** The joint project of a suggestion, created in the need's pairing once that pairing is loaded. */
function SuggestedProject({ suggestion, onClose }: { suggestion: Suggestion; onClose: () => void }) {
  const pairing = usePairing(suggestion.need.pairingId);
  if (!pairing.data) return null;
  const { need, resource } = suggestion;
  return (
    <ProjectFormModal
      pairing={pairing.data}
      project={null}
      preset={{
        needId: need.id,
        resourceId: resource.id,
        resourceLabel: `${resource.title}（${resource.orgName}）`,
        title: need.title,
      }}
      onClose={onClose}
    />
  );
}

/** Open needs and open resources that could answer each other, across all pairings of the coordinator. */
export default function MatchSuggestions({ coordinator }: { coordinator: string }) {
  const { t } = useTranslation();
  const suggestions = useMatchSuggestions(coordinator);
  const [picked, setPicked] = useState<Suggestion | null>(null);
  const side = (label: string, s: Side, tab: 'needs' | 'resources') => (
    <div className="suggestion-side">
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong>{s.title}</Typography.Text>
      <Typography.Text type="secondary">
        {s.orgName} · <Link to={`/pairings/${s.pairingId}?tab=${tab}`}>{s.pairingTitle}</Link>
      </Typography.Text>
    </div>
  );

  return (
    <Card size="small" title={t('pairing.suggestions.title')}>
      {suggestions.isError && <Alert type="error" showIcon message={suggestions.error.message} />}
      <List
        loading={suggestions.isPending}
        dataSource={suggestions.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pairing.suggestions.none')} />
          ),
        }}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button key="create" size="small" type="primary" onClick={() => setPicked(s)}>
                {t('pairing.suggestions.create')}
              </Button>,
            ]}
          >
            <div className="suggestion">
              {side(t('pairing.suggestions.need'), s.need, 'needs')}
              <SwapOutlined className="suggestion-arrow" />
              {side(t('pairing.suggestions.resource'), s.resource, 'resources')}
              <Space size={4} wrap>
                {s.sameCategory && <Tag color="green">{t(`enums.pairingCategory.${s.need.category}`)}</Tag>}
                {s.terms.slice(0, 5).map((term) => (
                  <Tag key={term}>{term}</Tag>
                ))}
                {s.need.pairingId !== s.resource.pairingId && (
                  <Tag color="purple">{t('pairing.suggestions.across')}</Tag>
                )}
              </Space>
            </div>
          </List.Item>
        )}
      />
      {picked && <SuggestedProject suggestion={picked} onClose={() => setPicked(null)} />}
    </Card>
  );
}
