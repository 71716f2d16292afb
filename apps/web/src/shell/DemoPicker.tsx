import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoIdentity } from '../api/identity.ts';
import { useMeridian } from './context.tsx';

/** Demo users, one per role the demo regions know; in production the SSO proxy says who you are. */
export const demoUsers: Array<DemoIdentity & { labelKey: string }> = [
  { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead'], labelKey: 'demo.user.hkLead' },
  { login: 'siuming.chan', groups: ['crm-staff'], labelKey: 'demo.user.hkStaff' },
  { login: 'james.whitfield', groups: ['crm-staff', 'crm-lead'], labelKey: 'demo.user.gbLead' },
  { login: 'grace.steward', groups: ['crm-hq'], labelKey: 'demo.user.hqSteward' },
  { login: 'root.admin', groups: ['crm-admin', 'crm-hq'], labelKey: 'demo.user.admin' },
];

export function DemoPicker() {
  const { t } = useTranslation();
  const { demoIdentity, setDemoIdentity } = useMeridian();
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
            setDemoIdentity({ login: custom.trim(), groups: ['crm-staff'] });
            setCustom('');
          }
        }}
      />
    </div>
  );
}
