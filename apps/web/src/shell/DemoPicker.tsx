import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoIdentity } from '../api/identity.ts';
import { useMeridian } from './context.tsx';

/**
 * Demo users, one per role the demo regions know; in production the SSO proxy says who you are. Staff
 * and leads carry their region group: a region role counts only where the identity names the region.
 */
export const demoUsers: Array<DemoIdentity & { labelKey: string }> = [
  { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'], labelKey: 'demo.user.hkLead' },
  { login: 'siuming.chan', groups: ['crm-staff', 'crm-region-hk'], labelKey: 'demo.user.hkStaff' },
  { login: 'james.whitfield', groups: ['crm-staff', 'crm-lead', 'crm-region-gb'], labelKey: 'demo.user.gbLead' },
  { login: 'zhang.wei', groups: ['crm-staff', 'crm-lead', 'crm-region-cn'], labelKey: 'demo.user.cnLead' },
  { login: 'fatima.alhashimi', groups: ['crm-staff', 'crm-lead', 'crm-region-ae'], labelKey: 'demo.user.aeLead' },
  { login: 'grace.steward', groups: ['crm-hq'], labelKey: 'demo.user.hqSteward' },
  { login: 'root.admin', groups: ['crm-admin', 'crm-hq'], labelKey: 'demo.user.admin' },
];

export function DemoPicker() {
  const { t } = useTranslation();
  const { demoIdentity, setDemoIdentity, me } = useMeridian();
  const [custom, setCustom] = useState('');
  return (
    <div className="demo-picker">
      <label htmlFor="meridian-demo-user">{t('demo.signedInAs')}</label>
      <select
        id="meridian-demo-user"
        value={demoIdentity ? `${demoIdentity.login}|${demoIdentity.groups.join(',')}` : ''}
        onChange={(event) => {
          const [login, groups] = event.target.value.split('|');
          setDemoIdentity(login ? { login, groups: (groups ?? '').split(',').filter(Boolean) } : null);
        }}
      >
        <option value="">{t('demo.nobody')}</option>
        {demoUsers.map((user) => (
          <option key={user.login} value={`${user.login}|${user.groups.join(',')}`}>
            {t(user.labelKey)} ({user.login})
          </option>
        ))}
        {demoIdentity && !demoUsers.some((user) => user.login === demoIdentity.login && user.groups.join(',') === demoIdentity.groups.join(',')) ? (
          <option value={`${demoIdentity.login}|${demoIdentity.groups.join(',')}`}>{demoIdentity.login}</option>
        ) : null}
      </select>
      <input
        aria-label={t('demo.otherLogin')}
        placeholder={t('demo.otherLogin')}
        value={custom}
        onChange={(event) => setCustom(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.nativeEvent.isComposing && custom.trim()) {
            // Another member of staff of the node in use, when it is known.
            setDemoIdentity({ login: custom.trim(), groups: me?.region ? ['crm-staff', `crm-region-${me.region}`] : ['crm-staff'] });
            setCustom('');
          }
        }}
      />
    </div>
  );
}
