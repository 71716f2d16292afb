import { websiteDomain } from '@meridian/names';
import { getDomain, getDomainWithoutSuffix } from 'tldts';

/**
 * Hosts many unrelated organisations share (mail providers, social networks, site builders,
 * registries): a website there says nothing about who the customer is.
 */
const sharedHosts = new Set([
  'gmail.com', 'googlemail.com', 'google.com', 'hotmail.com', 'outlook.com', 'live.com', 'yahoo.com', 'yahoo.com.hk',
  'icloud.com', 'qq.com', '163.com', '126.com', 'sina.com', 'sina.com.cn', 'sohu.com', 'aliyun.com', 'netvigator.com',
  'facebook.com', 'linkedin.com', 'instagram.com', 'twitter.com', 'x.com', 'weibo.com', 'wechat.com', 'youtube.com',
  'wixsite.com', 'wix.com', 'squarespace.com', 'wordpress.com', 'blogspot.com', 'github.io', 'godaddysites.com',
  'company-information.service.gov.uk', 'opencorporates.com', 'yellowpages.com', 'yelp.com', 'tmall.com', 'taobao.com',
]);

/** Brand labels too common to identify a company when they are all two websites share. */
const genericBrands = new Set([
  'bank', 'group', 'global', 'international', 'trading', 'holdings', 'company', 'home', 'info', 'web', 'online',
  'shop', 'store', 'china', 'asia', 'first', 'national', 'united', 'capital', 'gov', 'government',
]);

export interface WebIdentity {
  /** Registrable domain, "hsbc.com.hk" for "https://www.about.hsbc.com.hk/x". */
  domain: string;
  /** Domain without its public suffix: "hsbc" for hsbc.com, hsbc.com.hk and hsbc.co.uk alike. */
  brand: string | null;
}

/** null for no website or a shared host; brand null when the label is too generic to mean anything. */
export function webIdentity(website: string | null | undefined): WebIdentity | null {
  const host = websiteDomain(website);
  if (!host) return null;
  // Private suffixes (blogspot.com, github.io) count as public here, so each tenant keeps its own domain.
  const domain = getDomain(host, { allowPrivateDomains: true }) ?? host;
  if (sharedHosts.has(domain) || sharedHosts.has(host)) return null;
  const label = getDomainWithoutSuffix(host, { allowPrivateDomains: true });
  return { domain, brand: label && !genericBrands.has(label) ? label : null };
}
